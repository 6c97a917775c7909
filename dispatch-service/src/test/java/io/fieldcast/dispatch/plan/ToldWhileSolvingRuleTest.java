package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.persistence.ToldWindows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which windows told while a plan was solved refuse it: those of its own day only. */
class ToldWhileSolvingRuleTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);
    private static final UUID VISIT = UUID.randomUUID();

    @Test
    void aWindowToldForThisDayThatThePlanMissesRefusesIt() {
        assertEquals(List.of(VISIT), moved(told("2026-03-05T10:00:00Z")));
    }

    @Test
    void aWindowToldForAnotherDayBindsNothing() {
        // Told for 4 March, the visit since moved to the 5th and its reschedule text still held for quiet hours.
        assertEquals(List.of(), moved(told("2026-03-04T10:00:00Z")));
    }

    private static List<UUID> moved(ToldWindows.Told told) {
        var input = new PlanInput.VisitInput(VISIT, null, Instant.parse("2026-03-05T08:00:00Z"),
                Instant.parse("2026-03-05T18:00:00Z"), "REPAIR", 60, Map.of(), 2, "ann", 0, false, false,
                Instant.parse("2026-03-05T15:00:00Z"), null);
        var problem = new PlanProblem(new PlanInput("north", DAY, ZoneOffset.UTC, List.of(), List.of(input)), null,
                Instant.parse("2026-03-05T00:00:00Z"), Map.of(VISIT.toString(), input), Map.of());
        Appointment a = new Appointment();
        a.id = VISIT;
        a.technicianId = "ann";
        a.routeSeq = 0;
        var routes = Map.of("ann", List.of(new PlanProblem.Stop(VISIT, 0, Instant.parse("2026-03-05T15:00:00Z"), 60,
                false)));
        return ToldWhileSolving.moved(problem, routes, List.of(a), Map.of(VISIT, told));
    }

    private static ToldWindows.Told told(String start) {
        Instant s = Instant.parse(start);
        return new ToldWindows.Told(s, s.plusSeconds(3600), 1, ToldWindows.BEING_TOLD, s.minusSeconds(7200));
    }
}
