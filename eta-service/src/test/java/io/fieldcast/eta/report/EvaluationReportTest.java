package io.fieldcast.eta.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationReportTest {

    @Test
    void heldReasonsAreGroupedByKind() {
        assertEquals("the technician would wait too long for it",
                HeldReason.kindOf(HeldReason.LONG_WAIT.text("14 min, above 12")));
        assertEquals("the route had just been re-planned",
                HeldReason.kindOf(HeldReason.ROUTE_CHANGED.text("less than 10 min ago")));
        assertEquals("no window likely enough", HeldReason.kindOf(HeldReason.UNLIKELY.text("85 %, below 90 %")));
        assertEquals("never forecast an hour or more ahead", HeldReason.kindOf(null));
        // Rows stored before the kinds had one home read the same way.
        assertEquals("the technician would wait too long for it", HeldReason.kindOf("expected wait 14 min, above 12"));
        assertEquals("no window likely enough", HeldReason.kindOf("85 % likely, below 90 %"));
        assertEquals("something new", HeldReason.kindOf("something new"));
    }

    /** Each kind has one word for lines programs read; old texts read as their kind, unknown ones as "other". */
    @Test
    void heldReasonsHaveOneWordPerKind() {
        assertEquals("long_wait", HeldReason.codeOf(HeldReason.LONG_WAIT.text("14 min, above 12")));
        assertEquals("taps_behind", HeldReason.codeOf(HeldReason.TAPS_BEHIND.text("whose phone sent ...")));
        assertEquals("on_the_way", HeldReason.codeOf(HeldReason.ON_THE_WAY.text("")));
        assertEquals("unlikely", HeldReason.codeOf("85 % likely, below 90 %"));
        assertEquals("never_forecast", HeldReason.codeOf(null));
        assertEquals("other", HeldReason.codeOf("something new"));
    }

    /**
     * First windows by the jobs ahead when they were told: covered ones only (an hour's notice), three and more
     * together, those whose jobs ahead are not known (told before they were recorded) left out.
     */
    @Test
    void firstWindowsAreCountedByTheJobsAheadWhenTold() {
        Instant t = Instant.parse("2026-12-11T14:00:00Z");
        List<Outcome> outcomes = new ArrayList<>();
        // jobs ahead, arrival minutes after the window opens (inside: 0-59), announced probability
        int[][] visits = {{0, 10}, {0, 20}, {1, 30}, {1, 70}, {2, 5}, {3, 90}, {5, 40}, {-1, 10}};
        for (int[] v : visits) {
            outcomes.add(new Outcome(UUID.randomUUID(), "tech-1", t.minus(Duration.ofHours(2)), t,
                    t.plus(Duration.ofHours(1)), 0.9, t.plus(Duration.ofMinutes(30)),
                    t.plus(Duration.ofMinutes(v[1])), "v", null, v[0] < 0 ? null : v[0]));
        }
        // Told 30 minutes before the arrival: not covered, not counted.
        outcomes.add(new Outcome(UUID.randomUUID(), "tech-1", t.minus(Duration.ofMinutes(20)), t,
                t.plus(Duration.ofHours(1)), 0.95, t, t.plus(Duration.ofMinutes(10)), "v", null, 1));

        List<EvaluationReport.AheadBin> bins = EvaluationReport.of("test", null, null, t, "v", outcomes,
                ZoneOffset.UTC, EvaluationReport.MIN_LEAD, List.of()).byJobsAhead();

        assertEquals(List.of("0", "1", "2", "3+"), bins.stream().map(EvaluationReport.AheadBin::key).toList());
        assertEquals(List.of(2, 2, 1, 2), bins.stream().map(EvaluationReport.AheadBin::n).toList());
        assertEquals(List.of(2, 1, 1, 1), bins.stream().map(EvaluationReport.AheadBin::hits).toList());
        assertEquals(0.9, bins.get(1).announced(), 1e-9);
    }
}
