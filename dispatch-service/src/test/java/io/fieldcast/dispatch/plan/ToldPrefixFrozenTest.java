package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A re-plan keeps every visit up to the last one whose customer was told a window where it is (on the real road
 * graph): nothing can be put before a told visit or reshuffled ahead of it; what comes after is free.
 */
@QuarkusTest
class ToldPrefixFrozenTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 4);
    private static final Instant SHIFT_START = Instant.parse("2026-03-04T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-04T07:00:00Z");

    @Inject
    Roads roads;

    @Test
    void visitsUpToTheLastToldOneAreFrozenTheRestMayMove() {
        List<GeoPoint> places = roads.network().randomResidentialPoints(6, 7);
        // Route: a, b (told 10:00-11:00), c, d (told 13:00-14:00), e; f is booked but on nobody's route yet.
        List<PlanInput.VisitInput> visits = new ArrayList<>();
        String[] ids = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < ids.length; i++) {
            boolean told = i == 1 || i == 3;
            Instant toldStart = SHIFT_START.plus(Duration.ofHours(2L + 3L * (i / 3)));
            visits.add(visit(places.get(i), i, told ? toldStart : null));
        }
        visits.add(new PlanInput.VisitInput(UUID.randomUUID(), places.get(5), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(8)), "REPAIR", 30, Map.of(), 3, null, null, false, false, null, null));

        PlanProblem problem = PlanProblemBuilder.build(input(visits), roads.network(), NOW, Duration.ofMinutes(30),
                ConstraintWeightOverrides.none());
        var shift = problem.plan().getShifts().getFirst();
        // a, b, c, d stay; e (after the last told visit) and f may move. The freeze horizon (07:30) holds nothing.
        assertEquals(4, shift.getFrozenCount());
        assertEquals(5, shift.getVisits().size());

        PlanProblem ahead = PlanProblemBuilder.build(input(visits), roads.network(), null, null,
                ConstraintWeightOverrides.none());
        assertEquals(0, ahead.plan().getShifts().getFirst().getFrozenCount(), "planning a day ahead freezes nothing");
    }

    private static PlanInput.VisitInput visit(GeoPoint at, int seq, Instant toldStart) {
        return new PlanInput.VisitInput(UUID.randomUUID(), at, SHIFT_START, SHIFT_START.plus(Duration.ofHours(8)),
                "REPAIR", 30, Map.of(), 3, "ann", seq, false, false, SHIFT_START.plus(Duration.ofHours(1L + seq)), null,
                toldStart, toldStart == null ? null : toldStart.plus(Duration.ofHours(1)));
    }

    private PlanInput input(List<PlanInput.VisitInput> visits) {
        GeoPoint home = roads.network().randomResidentialPoints(1, 99).getFirst();
        var shift = new PlanInput.ShiftInput("ann", "Ann", home, SHIFT_START, SHIFT_START.plus(Duration.ofHours(9)),
                SHIFT_START.plus(Duration.ofHours(10)), Map.of(), null, null, 0, Map.of());
        return new PlanInput("t", DAY, ZoneOffset.UTC, List.of(shift), visits);
    }
}
