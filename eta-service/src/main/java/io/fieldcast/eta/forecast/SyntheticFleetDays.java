package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.eta.trips.RoadLeg;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Test days of a {@link SyntheticHistory} fleet: six visits in a 10 km square, planned with the fleet's default
 * durations and the road network's times (no learning), promised 4-hour windows (08-12 or 12-16) by planned
 * arrival, then lived with each technician's true service times and travel factors.
 */
public final class SyntheticFleetDays {

    private SyntheticFleetDays() {
    }

    /** Where customers and homes are: a 10 km square in Portland unless a map supplies its own addresses. */
    public interface Places {
        double[] next(Random random);
    }

    public static final Places SQUARE = random -> new double[]{45.50 + random.nextDouble() * 0.09,
            -122.70 + random.nextDouble() * 0.12};

    public static List<ReplayEvaluation.TrueDay> days(SyntheticHistory fleet, int technicians, int days,
                                                      RoadLeg.Timer roads, long seed) {
        return days(fleet, technicians, days, roads, SQUARE, seed);
    }

    public static List<ReplayEvaluation.TrueDay> days(SyntheticHistory fleet, int technicians, int days,
                                                      RoadLeg.Timer roads, Places places, long seed) {
        return days(fleet, technicians, days, roads, places, seed, 0);
    }

    /**
     * With {@code appointmentBuffer > 0} a different way of booking (a what-if, not the benchmark's default): every
     * visit after the first gets an appointment time, planned with road time x 1.2 and service x the buffer, and a
     * 60-minute promised window from it; the technician never arrives before it (waits instead). Slack bought with
     * idle time makes arrivals collapse onto the booked start.
     */
    public static List<ReplayEvaluation.TrueDay> days(SyntheticHistory fleet, int technicians, int days,
                                                      RoadLeg.Timer roads, Places places, long seed,
                                                      double appointmentBuffer) {
        if (appointmentBuffer > 0) {
            return appointmentDays(fleet, technicians, days, roads, places, seed, appointmentBuffer);
        }
        Random random = new Random(seed);
        List<String> jobs = List.copyOf(SyntheticHistory.JOB_MINUTES.keySet());
        List<ReplayEvaluation.TrueDay> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.of(2026, 6, 1).plusDays(d);
            Instant shift = date.atTime(8, 0).toInstant(ZoneOffset.UTC);
            for (int t = 0; t < technicians; t++) {
                double[] home = places.next(random);
                double lat = home[0];
                double lon = home[1];
                double startLat = lat;
                double startLon = lon;
                Instant planned = shift;
                List<VisitPlan> plans = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    double[] to = places.next(random);
                    double toLat = to[0];
                    double toLon = to[1];
                    String job = jobs.get(random.nextInt(jobs.size()));
                    int minutes = (int) Math.round(SyntheticHistory.JOB_MINUTES.get(job));
                    planned = planned.plusSeconds(Math.round(roads.leg(lat, lon, toLat, toLon).seconds()));
                    Instant windowStart = planned.isBefore(date.atTime(12, 0).toInstant(ZoneOffset.UTC))
                            ? shift : date.atTime(12, 0).toInstant(ZoneOffset.UTC);
                    if (planned.isBefore(windowStart)) {
                        planned = windowStart;
                    }
                    plans.add(new VisitPlan(UUID.randomUUID(), job, toLat, toLon, windowStart,
                            windowStart.plus(Duration.ofHours(4)), planned, minutes));
                    planned = planned.plus(Duration.ofMinutes(minutes));
                    lat = toLat;
                    lon = toLon;
                }
                out.add(live(fleet, t, date, startLat, startLon, shift, plans, roads));
            }
        }
        return out;
    }

    private static List<ReplayEvaluation.TrueDay> appointmentDays(SyntheticHistory fleet, int technicians, int days,
                                                                  RoadLeg.Timer roads, Places places, long seed,
                                                                  double buffer) {
        Random random = new Random(seed);
        List<String> jobs = List.copyOf(SyntheticHistory.JOB_MINUTES.keySet());
        List<ReplayEvaluation.TrueDay> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.of(2026, 6, 1).plusDays(d);
            Instant shift = date.atTime(8, 0).toInstant(ZoneOffset.UTC);
            for (int t = 0; t < technicians; t++) {
                double[] home = places.next(random);
                double lat = home[0];
                double lon = home[1];
                Instant planned = shift;
                List<VisitPlan> plans = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    double[] to = places.next(random);
                    String job = jobs.get(random.nextInt(jobs.size()));
                    int minutes = (int) Math.round(SyntheticHistory.JOB_MINUTES.get(job));
                    planned = planned.plusSeconds(Math.round(1.2 * roads.leg(lat, lon, to[0], to[1]).seconds()));
                    plans.add(new VisitPlan(UUID.randomUUID(), job, to[0], to[1], i == 0 ? shift : planned,
                            planned.plus(Duration.ofHours(1)), planned, minutes));
                    planned = planned.plusSeconds(Math.round(60 * minutes * buffer));
                    lat = to[0];
                    lon = to[1];
                }
                out.add(live(fleet, t, date, home[0], home[1], shift, plans, roads));
            }
        }
        return out;
    }

    private static ReplayEvaluation.TrueDay live(SyntheticHistory fleet, int t, LocalDate date, double lat,
                                                 double lon, Instant shift, List<VisitPlan> plans,
                                                 RoadLeg.Timer roads) {
        List<ReplayEvaluation.TrueVisit> visits = new ArrayList<>();
        double startLat = lat;
        double startLon = lon;
        Instant now = shift;
        for (VisitPlan p : plans) {
            int hour = now.atZone(ZoneOffset.UTC).getHour();
            double drive = roads.leg(lat, lon, p.lat(), p.lon()).seconds() * fleet.trueTravelFactor(t, hour);
            now = now.plusSeconds(Math.round(drive));
            if (now.isBefore(p.windowStart())) {
                now = p.windowStart();
            }
            Instant arrived = now;
            now = now.plusSeconds(Math.round(60 * fleet.trueService(t, p.jobType())));
            visits.add(new ReplayEvaluation.TrueVisit(p, arrived, now));
            lat = p.lat();
            lon = p.lon();
        }
        return new ReplayEvaluation.TrueDay(SyntheticHistory.tech(t), date, startLat, startLon, shift, visits);
    }
}
