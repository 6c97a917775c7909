package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ruin-and-recreate move prices places on its own copy of the routes. Its price must be the score change the
 * model computes (else the move would chase places the score does not like), and with no blinks it must find the
 * cheapest place that keeps the hard rules, which a brute force over every place checks. A visit sent on a route and
 * left out costs its hard penalty ({@link DispatchConstraints#droppedFromRoute}) until it is placed again: placing it
 * takes that away and breaks nothing else.
 */
class RecreateTest {

    /** The one soft rule the pricing leaves to the score director (fairness, over all routes) is off here. */
    private static final ConstraintWeightOverrides<HardMediumSoftScore> PRICED = ConstraintWeightOverrides.of(Map.of(
            DispatchConstraints.FAIRNESS, HardMediumSoftScore.ZERO));

    private final SolutionManager<DispatchPlan, HardMediumSoftScore> scores = SolutionManager.create(
            SolverFactory.create(SolverTuning.config(Duration.ofSeconds(1), 0L)));

    @Test
    void thePriceOfThePlaceTakenIsTheScoreChangeTheModelComputes() {
        int placedCount = 0;
        for (int trial = 0; trial < 40; trial++) {
            DispatchPlan plan = day(new Random(trial), true);
            Visit out = plan.getVisits().getFirst();
            HardMediumSoftScore before = scores.update(plan);
            long restored = dropped(out);
            Recreate recreate = new Recreate(plan.getShifts(), Recreate.emptyClasses(plan.getShifts()),
                    Recreate.Weights.of(PRICED));
            Recreate.Placed placed = recreate.insert(out, null);
            if (placed == null) {
                continue;
            }
            placedCount++;
            placed.shift().getVisits().add(placed.index(), out);
            HardMediumSoftScore after = scores.update(plan);
            assertEquals(before.hardScore() + restored, after.hardScore(), "trial " + trial + ": a hard rule broke");
            assertEquals(before.softScore() - placed.cost(), after.softScore(), "trial " + trial + ": price "
                    + placed.cost() + " at " + placed.shift() + "@" + placed.index());
        }
        assertTrue(placedCount >= 30, "most trials place the visit: " + placedCount);
    }

    @Test
    void withoutBlinksItTakesTheCheapestPlaceThatKeepsTheHardRules() {
        for (int trial = 0; trial < 25; trial++) {
            DispatchPlan plan = day(new Random(100 + trial), false);
            Visit out = plan.getVisits().getFirst();
            HardMediumSoftScore before = scores.update(plan);
            long kept = before.hardScore() + dropped(out);
            long cheapest = Long.MAX_VALUE;
            for (TechnicianShift shift : plan.getShifts()) {
                for (int i = shift.getFrozenCount(); i <= shift.getVisits().size(); i++) {
                    shift.getVisits().add(i, out);
                    HardMediumSoftScore s = scores.update(plan);
                    if (s.hardScore() == kept) {
                        cheapest = Math.min(cheapest, before.softScore() - s.softScore());
                    }
                    shift.getVisits().remove(i);
                }
            }
            scores.update(plan);
            Recreate.Placed placed = new Recreate(plan.getShifts(), Recreate.emptyClasses(plan.getShifts()),
                    Recreate.Weights.of(PRICED)).insert(out, null);
            if (cheapest == Long.MAX_VALUE) {
                assertNull(placed, "trial " + trial + ": no place keeps the hard rules");
            } else {
                assertNotNull(placed, "trial " + trial + ": a place exists at " + cheapest);
                assertEquals(cheapest, placed.cost(), "trial " + trial);
            }
        }
    }

    @Test
    void regretInsertionBuildsADayThatKeepsEveryHardRuleAtThePriceItAnnounced() {
        DispatchPlan plan = day(new Random(7), true);
        List<Visit> all = new ArrayList<>();
        for (TechnicianShift shift : plan.getShifts()) {
            // Keep the frozen first visit of t3, put the rest back.
            all.addAll(shift.getVisits().subList(shift.getFrozenCount(), shift.getVisits().size()));
            shift.setVisits(new ArrayList<>(shift.getVisits().subList(0, shift.getFrozenCount())));
        }
        all.add(plan.getVisits().getFirst());
        HardMediumSoftScore empty = scores.update(plan);
        List<Recreate.Placed> placed = new Recreate(plan.getShifts(), Recreate.emptyClasses(plan.getShifts()),
                Recreate.Weights.of(PRICED)).insertByRegret(all, () -> false);
        long announced = 0;
        long restored = placed.stream().mapToLong(p -> dropped(p.visit())).sum();
        for (Recreate.Placed p : placed) {
            p.shift().getVisits().add(p.index(), p.visit());
            announced += p.cost();
        }
        HardMediumSoftScore built = scores.update(plan);
        assertTrue(placed.size() >= all.size() - 2, placed.size() + " of " + all.size() + " placed");
        assertEquals(empty.hardScore() + restored, built.hardScore(), "no hard rule broken");
        assertEquals(empty.softScore() - announced, built.softScore(), "each price was the score change at its turn");
    }

    /** The hard points a left-out visit costs before it is placed again (0 unless a route was sent with it). */
    private static long dropped(Visit v) {
        return v.getShift() == null && v.droppedFromRoute()
                ? (long) DispatchConstraints.DROPPED_FROM_ROUTE_MINUTES * DispatchConstraints.droppedWeight(v) : 0;
    }

    /**
     * Four technicians with a break, skills, a frozen first visit; visits with windows, some told and sent to a
     * technician, some with a preferred one; routes drawn at random, each in window order. The first visit is left
     * out, for the test to put back.
     */
    private static DispatchPlan day(Random random, boolean travelFactors) {
        int places = 4 + 18;
        double[][] xy = new double[places][];
        for (int i = 0; i < places; i++) {
            xy[i] = new double[] {random.nextDouble() * 20, random.nextDouble() * 20};
        }
        long[][] ticks = new long[places][places];
        for (int i = 0; i < places; i++) {
            for (int j = 0; j < places; j++) {
                ticks[i][j] = Math.round(Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]) * 120);
            }
        }
        TravelMatrix matrix = new TravelMatrix(ticks, 60);
        List<Double> rush = new ArrayList<>(Collections.nCopies(24, 1.0));
        rush.set(8, 1.4);
        rush.set(12, 0.8);
        TravelFactor learned = TravelFactor.byLocalHour(rush, Instant.parse("2026-03-04T08:00:00Z"), ZoneOffset.UTC);
        List<TechnicianShift> shifts = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            shifts.add(new TechnicianShift("t" + s, s, s, 0, 7 * 3600, 8 * 3600, matrix)
                    .withSkills(s % 2 == 0 ? Map.of("fiber", 1) : Map.of())
                    .withBreak(3 * 3600, 5 * 3600, 1800, false)
                    .withTravelFactor(travelFactors && s % 2 == 1 ? learned : TravelFactor.AS_MAPPED));
        }
        List<Visit> visits = new ArrayList<>();
        for (int v = 0; v < 18; v++) {
            long start = random.nextInt(4) * 2 * 3600L;
            Visit visit = new Visit("v" + v, 4 + v, start, start + (random.nextBoolean() ? 4 : 2) * 3600L,
                    (20 + random.nextInt(40)) * 60L, matrix).withPriority(1 + v % 3)
                    .withSpread(random.nextInt(4) * 600L)
                    .withRequiredSkills(random.nextInt(5) == 0 ? Map.of("fiber", 1) : Map.of());
            if (random.nextInt(3) == 0) {
                visit.withToldWindow(start + 1800, start + 5400).withPublished("t" + random.nextInt(4));
            }
            if (random.nextInt(4) == 0) {
                visit.withPreferredTechnician("t" + random.nextInt(4));
            }
            visits.add(visit);
        }
        List<List<Visit>> routes = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            routes.add(new ArrayList<>());
        }
        for (Visit v : visits.subList(1, visits.size())) {
            routes.get(random.nextInt(4)).add(v);
        }
        for (int s = 0; s < 4; s++) {
            routes.get(s).sort(Comparator.comparingLong(Visit::windowStart));
            shifts.get(s).setVisits(routes.get(s));
            if (random.nextBoolean()) {
                // A running day: this route was sent in this order, and re-ordering it costs.
                String previous = Visit.FIRST;
                for (Visit v : routes.get(s)) {
                    v.withPublishedAfter("t" + s, previous);
                    previous = v.getId();
                }
            }
        }
        if (random.nextInt(3) == 0) {
            List<Visit> sent = routes.get(1);
            visits.getFirst().withPublishedAfter("t1", sent.isEmpty() || random.nextBoolean() ? Visit.FIRST
                    : sent.get(random.nextInt(sent.size())).getId());
        }
        if (!routes.get(3).isEmpty()) {
            Visit first = routes.get(3).getFirst();
            first.withFixedTimes(first.windowStart() + 300, first.windowStart() + 300 + first.duration());
            shifts.get(3).withFrozenCount(1);
        }
        return new DispatchPlan(shifts, visits, PRICED);
    }
}
