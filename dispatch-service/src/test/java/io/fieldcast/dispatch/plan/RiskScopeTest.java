package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.SolverTuning;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.TravelMatrix;
import io.fieldcast.dispatch.solver.Visit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-plan for a told window at risk changes the routes the risk needs; the other routes the solver changed go back
 * to what was sent unless that costs a quarter of an hour past a booked window. Scored by the real constraints.
 */
class RiskScopeTest {

    private static final long MINUTE = 60;
    private static final int MIN_HARD_GAIN = 15;

    private final SolutionManager<DispatchPlan, HardMediumSoftScore> scores = SolutionManager.create(
            SolverFactory.create(SolverTuning.config(Duration.ofSeconds(1), 0L)));

    @Test
    void routesTheRiskDoesNotNeedGoBackToWhatWasSent() {
        Day day = new Day(8 * 60);
        // The solver's answer to a risk to a's told window: a's route re-ordered, d handed from t1 to t2, and t3's two
        // visits swapped, neither of which touches a or saves a minute of lateness.
        var result = day.confine(Map.of("t0", List.of("b", "a"), "t1", List.of("c"), "t2", List.of("e", "d"),
                "t3", List.of("g", "f")), Set.of("a"));

        assertEquals(List.of("b", "a"), day.route("t0"), "the route of the visit at risk keeps the re-plan");
        assertEquals(List.of("c", "d"), day.route("t1"));
        assertEquals(List.of("e"), day.route("t2"), "d is not handed over for the risk to a");
        assertEquals(List.of("f", "g"), day.route("t3"));
        assertEquals(new RiskScope.Confined(1, 2), result);
        HardMediumSoftScore stored = day.plan.getScore();
        assertEquals(scores.update(day.plan), stored, "the plan is scored as it now is");
    }

    @Test
    void aRouteChangeThatSavesLatenessPastABookedWindowStays() {
        // g's booked window ends 40 minutes into the day; behind f's hour it is 40 minutes late.
        Day day = new Day(40);
        var result = day.confine(Map.of("t0", List.of("b", "a"), "t1", List.of("c"), "t2", List.of("e", "d"),
                "t3", List.of("g", "f")), Set.of("a"));

        assertEquals(List.of("g", "f"), day.route("t3"), "40 minutes past a booked window saved: kept");
        assertEquals(List.of("e"), day.route("t2"));
        assertEquals(new RiskScope.Confined(2, 1), result);
    }

    @Test
    void aVisitAtRiskHandedOverTakesBothRoutesAlong() {
        Day day = new Day(8 * 60);
        var result = day.confine(Map.of("t0", List.of("b"), "t1", List.of("c", "d", "a")), Set.of("a"));

        assertEquals(List.of("b"), day.route("t0"));
        assertEquals(List.of("c", "d", "a"), day.route("t1"));
        assertEquals(new RiskScope.Confined(1, 0), result);
    }

    @Test
    void aRescuedRouteStaysOnlyWhenItKeepsThePromiseBetter() {
        // b was told 00:00-00:40; behind a's half hour it arrives at 00:50, ten minutes past the told end.
        Day ahead = new Day(8 * 60, 40);
        Map<String, Long> before = RiskScope.promiseCosts(ahead.plan, Set.of("b"));
        assertEquals(2 * 10, before.get("b"), "ten minutes late, twice the weight of slack short");
        var rescued = ahead.confine(Map.of("t0", List.of("b", "a")), Set.of("b"), before);
        assertEquals(List.of("b", "a"), ahead.route("t0"), "b first: at the door at 00:10, the promise kept");
        assertEquals(new RiskScope.Confined(1, 0), rescued);

        Day worse = new Day(8 * 60, 40);
        var notRescued = worse.confine(Map.of("t0", List.of("a", "e", "b"), "t2", List.of()), Set.of("b"),
                RiskScope.promiseCosts(worse.plan, Set.of("b")));
        assertEquals(List.of("a", "b"), worse.route("t0"), "e put before b saves nothing for b: back as sent");
        assertEquals(List.of("e"), worse.route("t2"));
        assertEquals(new RiskScope.Confined(0, 1), notRescued);

        Day unrescued = new Day(8 * 60, 40);
        unrescued.confine(Map.of("t0", List.of("a", "e", "b"), "t2", List.of()), Set.of("b"));
        assertEquals(List.of("a", "e", "b"), unrescued.route("t0"), "without a cost before, the risk's routes stay");
    }

    @Test
    void aLostVisitLeavesItsRouteOnlyWhenItIsReachedSooner() {
        // g's booked window ends 40 minutes into the day; behind f's hour it comes at 01:20, 40 minutes past it.
        Day lost = new Day(40);
        Map<String, Long> before = RiskScope.promiseCosts(lost.plan, Set.of("g"));
        assertEquals(4 * 40, before.get("g"), "a minute past the booked window weighs four");
        var rescued = lost.confine(Map.of("t2", List.of("e", "g"), "t3", List.of("f")), Set.of("g"), before);
        assertEquals(List.of("e", "g"), lost.route("t2"), "after e g comes at 00:50: ten minutes late, not forty");
        assertEquals(new RiskScope.Confined(1, 0), rescued);

        Day later = new Day(40);
        var notRescued = later.confine(Map.of("t1", List.of("c", "d", "g"), "t3", List.of("f")), Set.of("g"),
                RiskScope.promiseCosts(later.plan, Set.of("g")));
        assertEquals(List.of("f", "g"), later.route("t3"), "behind c and d g comes later still: back as sent");
        assertEquals(List.of("c", "d"), later.route("t1"));
        assertEquals(new RiskScope.Confined(0, 1), notRescued);
    }

    @Test
    void aLostVisitIsARiskWhoseRouteIsRescued() {
        UUID visit = UUID.fromString("7d26875f-28b6-42dd-8cfe-53640428bdd9");
        String lost = RiskScope.lostReason(visit, 95);
        assertEquals("visit 7d26875f-28b6-42dd-8cfe-53640428bdd9 forecast 95 min past its booked window", lost);
        String risk = RiskScope.reason(UUID.randomUUID(), 0.6);
        assertEquals(2, RiskScope.atRisk(List.of(lost, risk)).size(), "both confine the re-plan");
        assertEquals(Set.of(visit.toString()), RiskScope.lost(List.of(risk, lost)), "only the lost one is rescued");
        assertTrue(RiskScope.atRisk(List.of(lost, "visit " + visit + " cannot be completed")).isEmpty());
    }

    @Test
    void onlyRisksConfineTheReplan() {
        UUID visit = UUID.fromString("7d26875f-28b6-42dd-8cfe-53640428bdd9");
        String risk = RiskScope.reason(visit, 0.694);
        assertEquals("told window of visit 7d26875f-28b6-42dd-8cfe-53640428bdd9 at risk (69 % likely kept)", risk);
        assertEquals(Set.of(visit.toString()), RiskScope.atRisk(List.of(risk)));
        assertTrue(RiskScope.atRisk(List.of(risk, "visit " + visit + " cannot be completed")).isEmpty(),
                "with work changed, the whole day may change");
    }

    /** Four technicians ten minutes from everything; a, b on t0, c, d on t1, e on t2, f (an hour) and g on t3. */
    private final class Day {
        final DispatchPlan plan;
        final Map<String, TechnicianShift> shifts = new LinkedHashMap<>();
        final Map<String, Visit> visits = new LinkedHashMap<>();
        final Map<String, List<String>> sent;

        Day(long gWindowEndMinutes) {
            this(gWindowEndMinutes, -1);
        }

        /** With {@code bToldEndMinutes} >= 0, b's customer was told a window from the start of the day to then. */
        Day(long gWindowEndMinutes, long bToldEndMinutes) {
            String[] ids = {"a", "b", "c", "d", "e", "f", "g"};
            int places = 4 + ids.length;
            long[][] ticks = new long[places][places];
            for (int i = 0; i < places; i++) {
                for (int j = 0; j < places; j++) {
                    ticks[i][j] = i == j ? 0 : 10 * MINUTE;
                }
            }
            TravelMatrix matrix = new TravelMatrix(ticks, MINUTE);
            for (int s = 0; s < 4; s++) {
                shifts.put("t" + s, new TechnicianShift("t" + s, s, s, 0, 8 * 60 * MINUTE, 9 * 60 * MINUTE, matrix));
            }
            for (int v = 0; v < ids.length; v++) {
                long end = ids[v].equals("g") ? gWindowEndMinutes : 8 * 60;
                long minutes = ids[v].equals("f") ? 60 : 30;
                visits.put(ids[v], new Visit(ids[v], 4 + v, 0, end * MINUTE, minutes * MINUTE, matrix));
            }
            if (bToldEndMinutes >= 0) {
                visits.get("b").withToldWindow(0, bToldEndMinutes * MINUTE);
            }
            set(Map.of("t0", List.of("a", "b"), "t1", List.of("c", "d"), "t2", List.of("e"), "t3", List.of("f", "g")));
            plan = new DispatchPlan(new ArrayList<>(shifts.values()), new ArrayList<>(visits.values()),
                    ConstraintWeightOverrides.none());
            scores.update(plan);
            sent = RiskScope.routes(plan);
        }

        RiskScope.Confined confine(Map<String, List<String>> solved, Set<String> atRisk) {
            return confine(solved, atRisk, Map.of());
        }

        RiskScope.Confined confine(Map<String, List<String>> solved, Set<String> atRisk,
                                   Map<String, Long> promiseBefore) {
            set(solved);
            return RiskScope.confine(sent, plan, atRisk, scores::update, MIN_HARD_GAIN, promiseBefore);
        }

        void set(Map<String, List<String>> routes) {
            routes.forEach((shift, ids) -> shifts.get(shift).setVisits(
                    new ArrayList<>(ids.stream().map(visits::get).toList())));
        }

        List<String> route(String shift) {
            return shifts.get(shift).getVisits().stream().map(Visit::getId).toList();
        }
    }
}
