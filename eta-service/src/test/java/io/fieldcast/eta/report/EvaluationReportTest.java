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
                EvaluationReport.heldKind("expected wait 14 min, above 12"));
        assertEquals("the route had just been re-planned",
                EvaluationReport.heldKind("route changed less than 10 min ago"));
        assertEquals("never forecast an hour or more ahead", EvaluationReport.heldKind(null));
    }

    private static double[] round(double[] v) {
        return new double[] {Math.round(v[0] * 1000) / 1000.0, Math.round(v[1] * 1000) / 1000.0};
    }
}
