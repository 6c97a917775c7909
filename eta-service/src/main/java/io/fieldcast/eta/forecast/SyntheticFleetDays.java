package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.eta.road.RoadLeg;

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
 * arrival, with each technician's true service times and travel luck drawn for {@link ReplayEvaluation} to live.
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
        Random random = new Random(seed);
        List<String> jobs = List.copyOf(fleet.jobTypes().keySet());
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
                    int minutes = (int) Math.round(fleet.jobTypes().get(job));
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

    /** The day's luck, drawn now: each leg's traffic noise and each job's true length. */
    private static ReplayEvaluation.TrueDay live(SyntheticHistory fleet, int t, LocalDate date, double lat,
                                                 double lon, Instant shift, List<VisitPlan> plans,
                                                 RoadLeg.Timer roads) {
        List<ReplayEvaluation.TrueVisit> visits = new ArrayList<>();
        double fromLat = lat;
        double fromLon = lon;
        for (VisitPlan p : plans) {
            double road = roads.leg(fromLat, fromLon, p.lat(), p.lon()).seconds();
            visits.add(new ReplayEvaluation.TrueVisit(p, road, fleet.gaussian(), fleet.trueService(t, p.jobType())));
            fromLat = p.lat();
            fromLon = p.lon();
        }
        return new ReplayEvaluation.TrueDay(SyntheticHistory.tech(t), date, lat, lon, shift, visits,
                (departure, noise) -> fleet.trueTravelFactor(t, departure.atZone(ZoneOffset.UTC).getHour(), noise));
    }
}
