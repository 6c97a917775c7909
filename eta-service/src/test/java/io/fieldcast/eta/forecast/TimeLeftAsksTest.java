package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.report.HeldReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which question about the job in hand is worth putting to the technician, and when none is. */
class TimeLeftAsksTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final Duration LEAD = Duration.ofHours(2);
    private static final Duration FRESH = Duration.ofMinutes(30);
    private static final UUID JOB = UUID.randomUUID();
    private static final UUID NEXT = UUID.randomUUID();
    private static final UUID LATER = UUID.randomUUID();
    private static final List<VisitPlan> VISITS = List.of(plan(JOB, 0), plan(NEXT, 1), plan(LATER, 2));
    private static final VisitProgress ON_SITE = new VisitProgress(NOW.minus(Duration.ofMinutes(80)),
            NOW.minus(Duration.ofMinutes(70)), null, false);

    @Test
    void aCustomerHeldForWantOfCertaintyBehindTheJobInHandIsWorthAsking() {
        Optional<TimeLeftAsks.Ask> ask = TimeLeftAsks.choose(day(ON_SITE), List.of(
                held(LATER, 110, HeldReason.UNLIKELY.text("80 %, below 85 %")),
                held(NEXT, 75, HeldReason.LONG_WAIT.text("19 min, above 5"))), NOW, LEAD, FRESH);
        assertEquals(Optional.of(new TimeLeftAsks.Ask(JOB, NEXT)), ask, "the earliest customer waiting on the job");
        assertEquals(Optional.of(new TimeLeftAsks.Ask(JOB, NEXT)), TimeLeftAsks.choose(day(ON_SITE),
                List.of(held(NEXT, 75, HeldReason.PAST_SHIFT.text("by 20 min"))), NOW, LEAD, FRESH),
                "a window pushed past the shift by the job in hand");
    }

    @Test
    void nothingIsAskedWithoutAJobInHand() {
        VisitProgress driving = new VisitProgress(NOW.minus(Duration.ofMinutes(5)), null, null, false);
        assertTrue(TimeLeftAsks.choose(day(driving), List.of(held(NEXT, 75, HeldReason.UNLIKELY.text("80 %"))), NOW,
                LEAD, FRESH).isEmpty(), "on the way: no job in hand");
        VisitProgress done = new VisitProgress(NOW.minus(Duration.ofMinutes(80)), NOW.minus(Duration.ofMinutes(70)),
                NOW.minus(Duration.ofMinutes(1)), false);
        assertTrue(TimeLeftAsks.choose(day(done), List.of(held(NEXT, 75, HeldReason.UNLIKELY.text("80 %"))), NOW,
                LEAD, FRESH).isEmpty(), "the job is done");
    }

    @Test
    void aWordSaidLatelyStandsAndAnOldOneIsAskedAgain() {
        VisitProgress fresh = ON_SITE.withTimeLeft(new VisitProgress.TimeLeft(NOW.minus(Duration.ofMinutes(10)), 90));
        List<TimeLeftAsks.Held> held = List.of(held(NEXT, 75, HeldReason.UNLIKELY.text("80 %, below 85 %")));
        assertTrue(TimeLeftAsks.choose(day(fresh), held, NOW, LEAD, FRESH).isEmpty(), "said 10 min ago");
        VisitProgress old = ON_SITE.withTimeLeft(new VisitProgress.TimeLeft(NOW.minus(Duration.ofMinutes(50)), 150));
        assertEquals(Optional.of(new TimeLeftAsks.Ask(JOB, NEXT)), TimeLeftAsks.choose(day(old), held, NOW, LEAD,
                FRESH), "said 50 min ago, of a job 150 min long then");
    }

    @Test
    void onlyReasonsAWordCanLiftAndOnlyCustomersWithinTheLeadAreAskedFor() {
        DayState day = day(ON_SITE);
        assertTrue(TimeLeftAsks.choose(day, List.of(held(NEXT, 75, HeldReason.ROUTE_CHANGED.text("less than 10 min "
                + "ago")), held(LATER, 100, HeldReason.TOO_FAR_AHEAD.text("3 h ahead"))), NOW, LEAD, FRESH).isEmpty(),
                "a new route or a far window waits for time, not for a word");
        assertTrue(TimeLeftAsks.choose(day, List.of(held(NEXT, 150, HeldReason.UNLIKELY.text("70 %"))), NOW, LEAD,
                FRESH).isEmpty(), "two and a half hours away: too early to ask");
        assertTrue(TimeLeftAsks.choose(day, List.of(held(JOB, 75, HeldReason.UNLIKELY.text("70 %"))), NOW, LEAD,
                FRESH).isEmpty(), "the job in hand waits for no word of itself");
    }

    private static DayState day(VisitProgress job) {
        return new DayState("t", LocalDate.of(2026, 3, 10), 1, 45.5, -122.65, NOW.minus(Duration.ofHours(2)), VISITS,
                Map.of(JOB, job), null, NOW);
    }

    private static VisitPlan plan(UUID id, int seq) {
        Instant planned = NOW.plus(Duration.ofMinutes(30L * seq));
        return new VisitPlan(id, "repair", 45.5 + seq / 100.0, -122.65, NOW.minus(Duration.ofHours(2)),
                NOW.plus(Duration.ofHours(2)), planned, 45);
    }

    private static TimeLeftAsks.Held held(UUID id, int minutesAway, String reason) {
        Instant p50 = NOW.plus(Duration.ofMinutes(minutesAway));
        return new TimeLeftAsks.Held(new VisitForecast(id, p50, p50.minus(Duration.ofMinutes(30)),
                p50.plus(Duration.ofMinutes(30)), 0.8, p50, null, null, 0, 0, 1, 0, Double.NaN), reason);
    }
}
