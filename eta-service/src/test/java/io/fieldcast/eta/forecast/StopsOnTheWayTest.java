package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.StopsOnTheWay;
import io.fieldcast.eta.road.Geo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.fieldcast.eta.forecast.ArrivalForecasterTest.MODEL;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.REPAIR;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.T8;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.TRAFFIC;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.route;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stops on the way as the demo's technicians make them: each has their own chance per drive (2-15 %) and mean length
 * (4-18 minutes, exponential, 2 to 60).
 */
class StopsOnTheWayTest {

    record Habit(double chance, double meanMinutes) {

        double stop(Random random) {
            if (random.nextDouble() >= chance) {
                return 0;
            }
            return Math.clamp(-meanMinutes * Math.log(1 - random.nextDouble()), 2, 60);
        }
    }

    static List<Habit> fleet(Random random, int technicians) {
        List<Habit> out = new ArrayList<>();
        for (int t = 0; t < technicians; t++) {
            out.add(new Habit(0.02 + 0.13 * random.nextDouble(), 4 + 14 * random.nextDouble()));
        }
        return out;
    }

    static List<StopsOnTheWay.Drive> drives(List<Habit> fleet, int each, Random random) {
        List<StopsOnTheWay.Drive> out = new ArrayList<>();
        for (int t = 0; t < fleet.size(); t++) {
            for (int i = 0; i < each; i++) {
                out.add(new StopsOnTheWay.Drive("tech-" + t, fleet.get(t).stop(random)));
            }
        }
        return out;
    }

    @Test
    void theShareAndLengthOfStopsAreLearnedFromAWeeksDrives() {
        Random random = new Random(3);
        List<Habit> fleet = fleet(random, 24);
        // A demo's five days: about 25 drives a technician.
        StopsOnTheWay learned = StopsOnTheWay.learn(drives(fleet, 25, random));
        double trueShare = fleet.stream().mapToDouble(Habit::chance).average().orElseThrow();

        assertTrue(learned.learned());
        assertEquals(600, learned.drives());
        assertEquals(trueShare, learned.fleetShare(), 0.025);
        // The fleet's stops: a mixture of exponentials, median a few minutes, a long tail.
        assertTrue(learned.minutes().p50() > 4 && learned.minutes().p50() < 12, learned.toString());
        assertTrue(learned.minutes().p90() > 20, learned.toString());
        // 25 drives say little of one technician: shrunk toward the fleet, yet the half that stops more often is
        // learned to, on the whole.
        double[] halves = new double[2];
        double median = fleet.stream().mapToDouble(Habit::chance).sorted().toArray()[fleet.size() / 2];
        for (int t = 0; t < fleet.size(); t++) {
            halves[fleet.get(t).chance() < median ? 0 : 1] += learned.shareOf("tech-" + t) / (fleet.size() / 2.0);
        }
        assertTrue(halves[0] < halves[1], "the rarer half " + halves[0] + ", the other " + halves[1]);
        assertEquals(learned.fleetShare(), learned.shareOf("tech-never-seen"), 1e-12);
        assertEquals(0, learned.minutesOf("tech-0", learned.shareOf("tech-0"), 0.5), "above the share: no stop");
        assertFalse(StopsOnTheWay.learn(List.of(new StopsOnTheWay.Drive("tech-0", 0))).learned());
        assertFalse(StopsOnTheWay.learn(List.of(new StopsOnTheWay.Drive("tech-0", 200))).learned(),
                "three hours standing is no stop on the way");
    }

    /**
     * Five visits behind each other, a technician who stops on 15 % of drives for 15 minutes on average: with the
     * stops learned the windows hold about as often as announced; without them the forecast is too sure of the later
     * visits.
     */
    @Test
    void windowsBehindDrivesWithStopsHoldAsOftenAsAnnounced() {
        Random random = new Random(7);
        Habit tech = new Habit(0.15, 15);
        List<StopsOnTheWay.Drive> history = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            history.add(new StopsOnTheWay.Drive("tech-1", tech.stop(random)));
        }
        LearnedModel withStops = MODEL.withStops(StopsOnTheWay.learn(history));
        ArrivalForecaster forecaster = new ArrivalForecaster(ArrivalForecasterTest.ROADS, 4000,
                Duration.ofMinutes(60), Duration.ofMinutes(5), java.time.ZoneOffset.UTC);
        List<VisitPlan> visits = route(5, T8, T8.plus(Duration.ofHours(10)));
        List<VisitForecast> learned = forecaster.forecast(state(visits, Map.of(), T8), withStops);
        List<VisitForecast> without = forecaster.forecast(state(visits, Map.of(), T8), MODEL);

        int days = 3000;
        int[] hitsLearned = new int[visits.size()];
        int[] hitsWithout = new int[visits.size()];
        for (int d = 0; d < days; d++) {
            double t = T8.getEpochSecond();
            double lat = 45.50;
            for (int i = 0; i < visits.size(); i++) {
                VisitPlan v = visits.get(i);
                t += Geo.meters(lat, -122.6, v.lat(), v.lon()) / 10 * TRAFFIC.quantile(random.nextDouble());
                t += 60 * tech.stop(random);
                hitsLearned[i] += inside(t, learned.get(i)) ? 1 : 0;
                hitsWithout[i] += inside(t, without.get(i)) ? 1 : 0;
                t += 60 * REPAIR.quantile(random.nextDouble());
                lat = v.lat();
            }
        }
        double worstWithout = 0;
        for (int i = 0; i < visits.size(); i++) {
            double observed = (double) hitsLearned[i] / days;
            double observedWithout = (double) hitsWithout[i] / days;
            System.out.printf("STOPS visit=%d announced=%.3f observed=%.3f | without stops announced=%.3f "
                    + "observed=%.3f%n", i, learned.get(i).probability(), observed, without.get(i).probability(),
                    observedWithout);
            // 3000 days: binomial sd <= 0.009; 0.03 is ~3 sd.
            assertEquals(learned.get(i).probability(), observed, 0.03, "visit " + i);
            worstWithout = Math.max(worstWithout, without.get(i).probability() - observedWithout);
        }
        assertTrue(worstWithout > 0.04, "without the stops some window is too sure: " + worstWithout);
    }

    private static boolean inside(double t, VisitForecast f) {
        return t >= f.windowStart().getEpochSecond() && t < f.windowEnd().getEpochSecond();
    }
}
