package io.fieldcast.eta.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationReportTest {

    @Test
    void hitRateIntervalIsWilsons() {
        // 45 of 50: the textbook Wilson interval is 0.786..0.957.
        assertArrayEquals(new double[] {0.786, 0.957}, round(EvaluationReport.wilson95(45, 50)), 1e-3);
        // All hits still leave room below: 37 of 37 is 0.906..1.
        assertArrayEquals(new double[] {0.906, 1.0}, round(EvaluationReport.wilson95(37, 37)), 1e-3);
    }

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

    private static double[] round(double[] v) {
        return new double[] {Math.round(v[0] * 1000) / 1000.0, Math.round(v[1] * 1000) / 1000.0};
    }
}
