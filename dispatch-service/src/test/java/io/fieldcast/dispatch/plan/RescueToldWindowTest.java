package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Visit;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-plan asked for by a told window at risk may rearrange that visit's route (real road graph, real solves): Ann's
 * job under way runs long, an untold repair stands between it and a customer told 10:30-11:30. With the route up to
 * the told visit frozen the re-plan cannot keep that window; rescuing the route, the repair makes room and it holds.
 */
@QuarkusTest
class RescueToldWindowTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 4);
    private static final Instant SHIFT_START = Instant.parse("2026-03-04T08:00:00Z");
    private static final Instant ON_SITE = SHIFT_START.plus(Duration.ofMinutes(10));
    private static final Instant NOW = Instant.parse("2026-03-04T09:40:00Z");
    private static final Instant TOLD_START = Instant.parse("2026-03-04T10:30:00Z");
    private static final Instant BOOKED_END = SHIFT_START.plus(Duration.ofHours(8));

    @Inject
    Roads roads;
    @Inject
    PlanJobs jobs;

    @Test
    void aRouteRescuedForAToldWindowKeepsOnlyWhatIsStartedInPlace() {
        Day day = day();
        var frozen = PlanProblemBuilder.build(day.input, roads.network(), NOW, Duration.ofMinutes(30),
                ConstraintWeightOverrides.none());
        assertEquals(3, shift(frozen.plan(), "ann").getFrozenCount(), "running job, repair, told visit stay");
        var rescued = PlanProblemBuilder.build(day.input, roads.network(), NOW, Duration.ofMinutes(30),
                ConstraintWeightOverrides.none(), Set.of(day.told.toString()));
        assertEquals(1, shift(rescued.plan(), "ann").getFrozenCount(), "only the job under way stays");
        assertEquals(0, shift(rescued.plan(), "bob").getFrozenCount());
    }

    @Test
    void theVisitsAheadOfAToldWindowAtRiskMakeRoomForIt() {
        Day day = day();
        DispatchPlan kept = jobs.solveNow(PlanProblemBuilder.build(day.input, roads.network(), NOW,
                Duration.ofMinutes(30), ConstraintWeightOverrides.none()), Duration.ofSeconds(2),
                Duration.ofMillis(600));
        assertTrue(visit(kept, day.told).toldLateMinutes() > 0, "frozen, the told window breaks");

        DispatchPlan rescued = jobs.solveNow(PlanProblemBuilder.build(day.input, roads.network(), NOW,
                Duration.ofMinutes(30), ConstraintWeightOverrides.none(), Set.of(day.told.toString())),
                Duration.ofSeconds(2), Duration.ofMillis(600));
        Visit told = visit(rescued, day.told);
        Visit repair = visit(rescued, day.repair);
        assertNotNull(told.getShift(), "the told visit stays on a route");
        assertEquals(0, told.toldLateMinutes(), "rescued, the told window holds");
        assertEquals(0, repair.lateMinutes(), "and the repair keeps its booked window");
        assertTrue(repair.getShift() != told.getShift() || repair.getIndex() > told.getIndex(),
                "the repair went to Bob or behind the told visit");
        assertEquals(0, visit(rescued, day.running).getIndex(), "the job under way stays first on Ann's route");
    }

    private record Day(PlanInput input, UUID running, UUID repair, UUID told) {
    }

    private Day day() {
        List<GeoPoint> places = roads.network().randomResidentialPoints(3, 21);
        UUID running = UUID.randomUUID();
        UUID repair = UUID.randomUUID();
        UUID told = UUID.randomUUID();
        // On site since 08:10 with a job Ann usually does in 90 minutes; the forecast has her at the repair at 10:45.
        var underWay = new PlanInput.VisitInput(running, places.get(0), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(4)), "INSTALL", 30, Map.of(), 3, "ann", 0, false, true, ON_SITE,
                ON_SITE);
        var next = new PlanInput.VisitInput(repair, places.get(1), SHIFT_START, BOOKED_END, "REPAIR", 60, Map.of(), 3,
                "ann", 1, false, false, SHIFT_START.plus(Duration.ofMinutes(105)), null, null, null,
                Instant.parse("2026-03-04T10:45:00Z"));
        var promised = new PlanInput.VisitInput(told, places.get(2), SHIFT_START, BOOKED_END, "REPAIR", 30, Map.of(),
                3, "ann", 2, false, false, SHIFT_START.plus(Duration.ofMinutes(170)), null, TOLD_START,
                TOLD_START.plus(Duration.ofHours(1)));
        List<GeoPoint> homes = roads.network().randomResidentialPoints(2, 98);
        var ann = new PlanInput.ShiftInput("ann", "Ann", homes.get(0), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(9)), SHIFT_START.plus(Duration.ofHours(10)), Map.of(), null, null, 0,
                Map.of("INSTALL", new int[] {90, 130}));
        var bob = new PlanInput.ShiftInput("bob", "Bob", homes.get(1), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(9)), SHIFT_START.plus(Duration.ofHours(10)), Map.of(), null, null, 0,
                Map.of());
        return new Day(new PlanInput("t", DAY, ZoneOffset.UTC, List.of(ann, bob), List.of(underWay, next, promised)),
                running, repair, told);
    }

    private static TechnicianShift shift(DispatchPlan plan, String technician) {
        return plan.getShifts().stream().filter(s -> s.technicianId().equals(technician)).findFirst()
                .orElseThrow();
    }

    private static Visit visit(DispatchPlan plan, UUID id) {
        return plan.getVisits().stream().filter(v -> v.getId().equals(id.toString())).findFirst().orElseThrow();
    }
}
