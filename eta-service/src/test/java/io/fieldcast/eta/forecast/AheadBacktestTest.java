package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.LivedDay;
import io.fieldcast.eta.history.Tap;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.model.AheadDoubt;
import io.fieldcast.events.VisitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.eta.forecast.ArrivalForecasterTest.DAY;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.MODEL;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.ROADS;
import static io.fieldcast.eta.forecast.ArrivalForecasterTest.T8;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Days lived by technicians whose jobs the model knows (40 min, log-sd 0.3; traffic 1.2, log-sd 0.15) teach no doubt;
 * days where a slow morning makes every job of the day slower together, which the model's independent jobs do not
 * know, teach one: the windows with more jobs ahead were kept less often than their sampled days said.
 */
class AheadBacktestTest {

    private final AheadBacktest backtest = new AheadBacktest(new ArrivalForecaster(ROADS, 500,
            Duration.ofMinutes(60), Duration.ofMinutes(5), ZoneOffset.UTC, 0.9),
            new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5)), Duration.ofHours(3),
            ZoneOffset.UTC, true, false, true);

    @Test
    void daysAsTheModelSaysTeachNoDoubt() {
        AheadDoubt learned = AheadDoubt.learn(backtest.seen(days(25, 0, 7), date -> MODEL, p -> { }));
        assertTrue(learned.visits() >= 30, learned.toString());
        System.out.println("LEARNED as the model says: " + learned);
        assertTrue(learned.perJob() < 0.1, learned.toString());
    }

    @Test
    void daysWhoseJobsAreSlowTogetherTeachADoubtPerJobAhead() {
        AheadDoubt learned = AheadDoubt.learn(backtest.seen(days(25, 0.3, 7), date -> MODEL, p -> { }));
        System.out.println("LEARNED slow together: " + learned);
        assertTrue(learned.perJob() > 0.2, learned.toString());
    }

    /**
     * {@code n} days of five repairs 5.5 km apart, from 08:00: each job 40 min x e^(0.3 z) x the day's own factor
     * e^(daySpread z'), each drive the straight line at 10 m/s x 1.2 e^(0.15 z).
     */
    static List<LivedDay> days(int n, double daySpread, long seed) {
        Random random = new Random(seed);
        List<LivedDay> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            double dayFactor = Math.exp(daySpread * random.nextGaussian());
            List<VisitPlan> visits = new ArrayList<>();
            List<Tap> taps = new ArrayList<>();
            Instant t = T8;
            for (int i = 0; i < 5; i++) {
                VisitPlan v = new VisitPlan(UUID.nameUUIDFromBytes(("d" + d + "v" + i).getBytes()), "repair",
                        45.50 + 0.05 * (i + 1), -122.6, T8, T8.plus(Duration.ofHours(10)),
                        T8.plus(Duration.ofMinutes(60L * i + 10)), 40);
                visits.add(v);
                taps.add(new Tap(v.appointmentId(), VisitStatus.EN_ROUTE, t));
                double drive = 555 * 1.2 * Math.exp(0.15 * random.nextGaussian());
                t = t.plusSeconds(Math.round(drive));
                taps.add(new Tap(v.appointmentId(), VisitStatus.ARRIVED, t));
                double job = 60 * 40 * Math.exp(0.3 * random.nextGaussian()) * dayFactor;
                t = t.plusSeconds(Math.round(job));
                taps.add(new Tap(v.appointmentId(), VisitStatus.COMPLETED, t));
            }
            out.add(new LivedDay("tech-1", DAY, 1, 45.50, -122.6, T8, visits, taps, Set.of()));
        }
        return out;
    }
}
