package io.fieldcast.bench.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a territory-day's booked visits can all be served, checked from dispatch's tables with no code of dispatch's:
 * a sound test that overbooking would fail, not a re-run of the planner.
 *
 * <p>A technician-day is <em>overbooked</em> when any of these holds for its open visits (BOOKED, SCHEDULED, EN_ROUTE,
 * ON_SITE) in route order ({@code route_seq}):
 * <ol>
 *   <li><b>the plan itself breaks</b>: a visit has no planned arrival, two share a route position, a planned arrival
 *       lies after the end of its arrival window, or a planned arrival comes before the previous visit can be done
 *       (its arrival, or its window's start when early, plus its duration);</li>
 *   <li><b>no road could make it</b>: driven from home at the shift's start with every leg at least the straight-line
 *       distance at {@link #MAX_SPEED_KMH} km/h (faster than any road on the maps), waiting when early, some visit is
 *       reached after its window ends, or the technician is back home later than the shift's end less the break
 *       (dispatch's own rule for a day that holds). Real legs are only longer, so a day failing this bound cannot be
 *       served by any routing.</li>
 * </ol>
 * An open visit of the territory-day on no technician's route at all is counted as one more overbooked unit: it was
 * accepted and nobody is going. So the figure is {@code failing technician-days + visits on no route}, zero when the
 * capacity was not oversold; packing more visits into a window than one technician can reach in it fails rule 2.
 */
public final class OverbookCheck {

    /** Faster than every road of the synthetic city (motorway 100 km/h) and of ordinary OpenStreetMap extracts. */
    public static final double MAX_SPEED_KMH = 130;
    /** Slack for rounding of stored times (seconds). */
    static final long TOLERANCE_S = 60;

    private OverbookCheck() {
    }

    /** A technician's day: home, shift (instants) and break. */
    public record Shift(String technicianId, double homeLat, double homeLon, Instant start, Instant end,
                        int breakMinutes) {
    }

    /** An open visit as stored: {@code technicianId} null when it is on no route. */
    public record Visit(String id, String technicianId, Integer routeSeq, Instant plannedArrival, double lat, double lon,
                        Instant windowStart, Instant windowEnd, int durationMinutes) {
    }

    /** What is wrong with one technician-day (or a visit on no route, technicianId null). */
    public record Finding(String technicianId, String visitId, String why) {
    }

    /** The check of one territory-day. {@code overbooked()} is the bench's figure. */
    public record Result(int technicianDays, int visits, List<Finding> findings, int failingDays, int unplanned) {
        public int overbooked() {
            return failingDays + unplanned;
        }
    }

    /** Checks every technician-day of {@code shifts} against the visits; visits of unknown technicians fail too. */
    public static Result check(List<Shift> shifts, List<Visit> visits) {
        Map<String, Shift> byTech = new LinkedHashMap<>();
        shifts.forEach(s -> byTech.put(s.technicianId(), s));
        Map<String, List<Visit>> routes = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        int unplanned = 0;
        for (Visit v : visits) {
            if (v.technicianId() == null) {
                unplanned++;
                findings.add(new Finding(null, v.id(), "open visit on no technician's route"));
            } else {
                routes.computeIfAbsent(v.technicianId(), t -> new ArrayList<>()).add(v);
            }
        }
        int failing = 0;
        for (var route : routes.entrySet()) {
            Shift shift = byTech.get(route.getKey());
            String why = shift == null ? "visits on a technician with no shift that day" : whyNot(shift, route.getValue());
            if (why != null) {
                failing++;
                findings.add(new Finding(route.getKey(), null, why));
            }
        }
        return new Result(byTech.size(), visits.size(), findings, failing, unplanned);
    }

    /** Null when the day can be served, else the first reason it cannot. */
    static String whyNot(Shift shift, List<Visit> visits) {
        List<Visit> route = new ArrayList<>(visits);
        if (route.stream().anyMatch(v -> v.routeSeq() == null || v.plannedArrival() == null)) {
            return "a visit without a route position or planned arrival";
        }
        route.sort(Comparator.comparing(Visit::routeSeq));
        for (int i = 1; i < route.size(); i++) {
            if (route.get(i).routeSeq().equals(route.get(i - 1).routeSeq())) {
                return "two visits at route position " + route.get(i).routeSeq();
            }
        }
        // 1. The plan as stored.
        Instant free = null;
        for (Visit v : route) {
            if (v.plannedArrival().isAfter(v.windowEnd().plusSeconds(TOLERANCE_S))) {
                return "visit " + v.id() + " planned at " + v.plannedArrival() + ", after its window ends "
                        + v.windowEnd();
            }
            if (free != null && v.plannedArrival().isBefore(free.minusSeconds(TOLERANCE_S))) {
                return "visit " + v.id() + " planned at " + v.plannedArrival() + ", before the previous one is done ("
                        + free + ")";
            }
            Instant start = v.plannedArrival().isBefore(v.windowStart()) ? v.windowStart() : v.plannedArrival();
            free = start.plusSeconds(v.durationMinutes() * 60L);
        }
        // 2. The straight-line lower bound.
        long t = shift.start().getEpochSecond();
        double lat = shift.homeLat();
        double lon = shift.homeLon();
        for (Visit v : route) {
            t += legSeconds(lat, lon, v.lat(), v.lon());
            if (t > v.windowEnd().getEpochSecond() + TOLERANCE_S) {
                return "visit " + v.id() + " cannot be reached before its window ends " + v.windowEnd()
                        + " even at " + (int) MAX_SPEED_KMH + " km/h in a straight line";
            }
            t = Math.max(t, v.windowStart().getEpochSecond()) + v.durationMinutes() * 60L;
            lat = v.lat();
            lon = v.lon();
        }
        t += legSeconds(lat, lon, shift.homeLat(), shift.homeLon());
        long latest = shift.end().getEpochSecond() - shift.breakMinutes() * 60L;
        if (t > latest + TOLERANCE_S) {
            return "back home at " + Instant.ofEpochSecond(t) + " at the earliest, after the shift's end less the "
                    + "break (" + Instant.ofEpochSecond(latest) + ")";
        }
        return null;
    }

    /** Seconds of a straight line at {@link #MAX_SPEED_KMH}: no road leg between the points is shorter. */
    static long legSeconds(double lat1, double lon1, double lat2, double lon2) {
        return (long) Math.floor(kilometres(lat1, lon1, lat2, lon2) / MAX_SPEED_KMH * 3600);
    }

    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
                * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /**
     * Reads the territory-day from dispatch's schema ({@code db} with {@code currentSchema=dispatch}) and checks it.
     * {@code shifts}: the technicians' shifts that day as the bench created them (the technician table stores weekly
     * local times; the bench's territory is on UTC).
     */
    public static Result load(Connection db, String territory, LocalDate day, List<Shift> shifts) throws SQLException {
        List<Visit> visits = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("""
                select id, technician_id, route_seq, planned_arrival, lat, lon, window_start, window_end, duration_min
                from appointment where territory_id = ? and service_date = ?
                and status in ('BOOKED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE')""")) {
            q.setString(1, territory);
            q.setObject(2, day);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    var arrival = r.getTimestamp(4);
                    visits.add(new Visit(r.getString(1), r.getString(2), (Integer) r.getObject(3),
                            arrival == null ? null : arrival.toInstant(), r.getDouble(5), r.getDouble(6),
                            r.getTimestamp(7).toInstant(), r.getTimestamp(8).toInstant(), r.getInt(9)));
                }
            }
        }
        return check(shifts, visits);
    }
}
