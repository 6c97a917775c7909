package io.fieldcast.eta.report;

import org.junit.jupiter.api.Test;

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
}
