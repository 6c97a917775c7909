package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import io.fieldcast.dispatch.road.Roads;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How long a re-plan keeps a technician on the job under way (on the real road graph): as long as it usually takes
 * them (learned), not the job type's default; and when eta-service's forecast puts them at the next visit after its
 * window opens, until that arrival less the drive.
 */
@QuarkusTest
class RunningJobTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 4);
    private static final Instant SHIFT_START = Instant.parse("2026-03-04T08:00:00Z");
    private static final Instant ON_SITE = SHIFT_START.plus(Duration.ofMinutes(10));
    private static final Instant NOW = SHIFT_START.plus(Duration.ofMinutes(30));
    private static final Instant TOLD_NEXT = SHIFT_START.plus(Duration.ofMinutes(105));

    @Inject
    Roads roads;

    @Test
    void theJobUnderWayTakesWhatItUsuallyTakesItsTechnician() {
        PlanProblem problem = plan(null);
        // Ann's repairs take 90 minutes (learned), the job type says 30: she is busy until 09:40, not 08:40.
        assertEquals(ticks(problem, ON_SITE.plus(Duration.ofMinutes(90))), running(problem).fixedDeparture());
    }

    @Test
    void aForecastOfTheNextArrivalAfterItsWindowOpensHoldsTheTechnicianOnTheJobUntilThen() {
        Instant late = TOLD_NEXT.plus(Duration.ofMinutes(45));
        PlanProblem problem = plan(late);
        Visit running = running(problem);
        Visit next = problem.plan().getVisits().stream().filter(v -> !v.hasFixedTimes()).findFirst().orElseThrow();
        long drive = running.matrix().travel(running.location(), next.location());
        // 10:30 at the next door, a drive of a few minutes: on the job until then, well past the usual 09:40.
        assertEquals(ticks(problem, late) - drive, running.fixedDeparture());
        assertTrue(running.fixedDeparture() > ticks(problem, ON_SITE.plus(Duration.ofMinutes(90))));
    }

    @Test
    void aForecastThatHasTheTechnicianWaitingForTheWindowSaysNothingAboutTheJob() {
        PlanProblem problem = plan(TOLD_NEXT);
        assertEquals(ticks(problem, ON_SITE.plus(Duration.ofMinutes(90))), running(problem).fixedDeparture());
    }

    private PlanProblem plan(Instant forecastNext) {
        List<GeoPoint> places = roads.network().randomResidentialPoints(2, 11);
        var underWay = new PlanInput.VisitInput(UUID.randomUUID(), places.get(0), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(4)), "REPAIR", 30, Map.of(), 3, "ann", 0, false, true, ON_SITE,
                ON_SITE);
        var next = new PlanInput.VisitInput(UUID.randomUUID(), places.get(1), SHIFT_START,
                SHIFT_START.plus(Duration.ofHours(4)), "REPAIR", 30, Map.of(), 3, "ann", 1, false, false,
                SHIFT_START.plus(Duration.ofMinutes(60)), null, TOLD_NEXT, TOLD_NEXT.plus(Duration.ofHours(1)),
                forecastNext);
        GeoPoint home = roads.network().randomResidentialPoints(1, 99).getFirst();
        var shift = new PlanInput.ShiftInput("ann", "Ann", home, SHIFT_START, SHIFT_START.plus(Duration.ofHours(9)),
                SHIFT_START.plus(Duration.ofHours(10)), Map.of(), null, null, 0,
                Map.of("REPAIR", new int[] {90, 130}));
        PlanInput input = new PlanInput("t", DAY, ZoneOffset.UTC, List.of(shift), List.of(underWay, next));
        return PlanProblemBuilder.build(input, roads.network(), NOW, Duration.ofMinutes(30),
                ConstraintWeightOverrides.none());
    }

    private static Visit running(PlanProblem problem) {
        return problem.plan().getVisits().stream().filter(Visit::hasFixedTimes).findFirst().orElseThrow();
    }

    private static long ticks(PlanProblem problem, Instant at) {
        return Duration.between(problem.epoch(), at).toSeconds();
    }
}
