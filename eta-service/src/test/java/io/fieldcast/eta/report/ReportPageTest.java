package io.fieldcast.eta.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's self-contained report: one file, figures embedded, nothing linked. */
class ReportPageTest {

    private static final Instant T9 = Instant.parse("2026-06-01T09:00:00Z");

    @Test
    void selfContainedPageInlinesStyleAndScriptAndEmbedsTheFigures() {
        // A technician id that tries to close the script element must not.
        Outcome o = new Outcome(UUID.randomUUID(), "</script><b>x", T9.minus(Duration.ofMinutes(90)), T9,
                T9.plus(Duration.ofHours(1)), 0.93, T9.plus(Duration.ofMinutes(30)),
                T9.plus(Duration.ofMinutes(20)), "v1");
        EvaluationReport report = EvaluationReport.of("bench", null, null, T9, "v1", List.of(o), ZoneOffset.UTC,
                EvaluationReport.MIN_LEAD, List.of(new EvaluationReport.Figure("oracle hit rate", 0.93)));

        String page = ReportPage.selfContained(report);

        assertTrue(page.contains("window.FIELDCAST_REPORT = {"), "figures embedded");
        assertFalse(page.contains("src=\"/report/report.js\""), "script inlined, not linked");
        assertFalse(page.contains("href=\"/report/report.css\""), "style inlined, not linked");
        assertFalse(page.contains("</script><b>x"), "a '</' in the data is escaped");
        assertTrue(page.contains("\"coverage\":1.0"), page.substring(0, 200));
        assertEquals(1.0, report.headline().hitRate(), 1e-9);
        assertEquals(10.0, report.headline().maeMinutes(), 1e-9, "p50 09:30 vs 09:20");
    }
}
