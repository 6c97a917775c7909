package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * What a good day looks like. Hard: what must never happen; medium: work left out, by priority; soft: cost.
 * Weights here are defaults; a territory overrides them through {@link DispatchPlan#getConstraintWeightOverrides()}.
 * Times are penalised in minutes, travel in ticks (seconds for a real day), so one soft point is one second driven.
 */
public class DispatchConstraints implements ConstraintProvider {

    public static final String REQUIRED_SKILLS = "Required skills";
    public static final String LATE_ARRIVAL = "Arrival after the promised window";
    public static final String SHIFT_HARD_END = "Back after the shift's hard end";
    public static final String BREAK_LATE = "Break started after its window";
    public static final String PINNED_TECHNICIAN = "Pinned visit with another technician";
    public static final String PINNED_ORDER = "Pinned visits out of order";
    public static final String CAPACITY = "Vehicle capacity";
    public static final String UNASSIGNED = "Unassigned visit";
    public static final String DROPPED_FROM_ROUTE = "Visit of a running day dropped from its route";
    public static final String TRAVEL_TIME = "Travel time";
    public static final String OVERTIME = "Overtime past the shift's end";
    public static final String WINDOW_RISK = "Window at risk";
    public static final String BROKEN_TOLD_WINDOW = "Broken told window";
    public static final String PREFERRED_TECHNICIAN = "Not the preferred technician";
    public static final String FAIRNESS = "Unfair workload";
    public static final String STABILITY = "Moved to another technician";
    public static final String TOLD_WINDOW_RISK = "Told window at risk";
    public static final String TOLD_VISIT_MOVED = "Told visit moved to another technician";
    public static final String ROUTE_REORDERED = "Visit re-ordered on its technician's route";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                // Hard
                requiredSkills(factory),
                lateArrival(factory),
                shiftHardEnd(factory),
                breakLate(factory),
                pinnedTechnician(factory),
                pinnedOrder(factory),
                capacity(factory),
                droppedFromRoute(factory),
                // Medium
                unassigned(factory),
                // Soft
                travelTime(factory),
                overtime(factory),
                windowRisk(factory),
                brokenToldWindow(factory),
                toldWindowRisk(factory),
                toldVisitMoved(factory),
                preferredTechnician(factory),
                fairness(factory),
                stability(factory),
                routeReordered(factory),
        };
    }

    // ---- Hard ----

    Constraint requiredSkills(ConstraintFactory factory) {
        // As bad as an hour late: the visit cannot be done at all by someone without the skill.
        return factory.forEach(Visit.class)
                .filter(Visit::missesSkills)
                .penalize(HardMediumSoftScore.ofHard(60))
                .asConstraint(REQUIRED_SKILLS);
    }

    Constraint lateArrival(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(v -> v.lateTicks() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, Visit::lateMinutes)
                .asConstraint(LATE_ARRIVAL);
    }

    Constraint shiftHardEnd(ConstraintFactory factory) {
        return factory.forEach(TechnicianShift.class)
                .filter(s -> s.pastHardEndMinutes() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, TechnicianShift::pastHardEndMinutes)
                .asConstraint(SHIFT_HARD_END);
    }

    Constraint breakLate(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(v -> v.breakLateMinutes() > 0)
                .map(Visit::breakLateMinutes)
                .concat(factory.forEach(TechnicianShift.class)
                        .filter(s -> s.endBreakLateMinutes() > 0)
                        .map(TechnicianShift::endBreakLateMinutes))
                .penalize(HardMediumSoftScore.ONE_HARD, minutes -> minutes)
                .asConstraint(BREAK_LATE);
    }

    Constraint pinnedTechnician(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(Visit::withOtherThanPinnedTechnician)
                .penalize(HardMediumSoftScore.ofHard(100))
                .asConstraint(PINNED_TECHNICIAN);
    }

    Constraint pinnedOrder(ConstraintFactory factory) {
        return factory.forEachUniquePair(Visit.class, Joiners.equal(Visit::getShift))
                .filter((a, b) -> a.pinnedOrder() >= 0 && b.pinnedOrder() >= 0
                        && Integer.compare(a.pinnedOrder(), b.pinnedOrder())
                        != Integer.compare(a.getIndex(), b.getIndex()))
                .penalize(HardMediumSoftScore.ofHard(100))
                .asConstraint(PINNED_ORDER);
    }

    Constraint capacity(ConstraintFactory factory) {
        return factory.forEach(TechnicianShift.class)
                .filter(s -> s.demandOverCapacity() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, TechnicianShift::demandOverCapacity)
                .asConstraint(CAPACITY);
    }

    /**
     * As bad as {@value #DROPPED_FROM_ROUTE_MINUTES} minutes late: a visit of a running day that a technician's route
     * was sent with, left out of every route. Its customer is home for a visit that does not come, where lateness on
     * the booked windows (hard, minute for minute) is an arrival that does; with the left-out visit only medium, a
     * re-plan of a 24-technician demo day dropped six customers to save 11-18 minutes of lateness. A visit whose
     * customer was told a narrowed window counts {@value #DROPPED_TOLD_FACTOR} times over (a whole day late): a re-plan
     * rescuing a told window at risk dropped that very visit to save 127 minutes of lateness on its route, and its
     * customer waited through the window texted for nobody.
     */
    Constraint droppedFromRoute(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Visit.class)
                .filter(Visit::droppedFromRoute)
                .penalize(HardMediumSoftScore.ofHard(DROPPED_FROM_ROUTE_MINUTES), DispatchConstraints::droppedWeight)
                .asConstraint(DROPPED_FROM_ROUTE);
    }

    /** Hard minutes a visit of a running day left out of every route costs ({@link #droppedFromRoute}). */
    public static final int DROPPED_FROM_ROUTE_MINUTES = 120;
    /** How many times over a told visit left out of every route counts ({@link #droppedFromRoute}). */
    public static final int DROPPED_TOLD_FACTOR = 12;

    /** The weight of a visit left out of every route in {@link #droppedFromRoute}, in units of its hard minutes. */
    public static int droppedWeight(Visit v) {
        return v.isTold() ? DROPPED_TOLD_FACTOR : 1;
    }

    // ---- Medium ----

    Constraint unassigned(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Visit.class)
                .filter(v -> v.getShift() == null)
                .penalize(HardMediumSoftScore.ONE_MEDIUM, Visit::unassignedWeight)
                .asConstraint(UNASSIGNED);
    }

    // ---- Soft ----

    Constraint travelTime(ConstraintFactory factory) {
        return factory.forEach(TechnicianShift.class)
                .filter(s -> !s.getVisits().isEmpty())
                .penalize(HardMediumSoftScore.ONE_SOFT, TechnicianShift::travelTicks)
                .asConstraint(TRAVEL_TIME);
    }

    Constraint overtime(ConstraintFactory factory) {
        // A minute of overtime costs as much as two minutes of driving.
        return factory.forEach(TechnicianShift.class)
                .filter(s -> s.overtimeMinutes() > 0)
                .penalize(HardMediumSoftScore.ofSoft(120), TechnicianShift::overtimeMinutes)
                .asConstraint(OVERTIME);
    }

    Constraint windowRisk(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(v -> v.windowRiskMinutes() > 0)
                .penalize(HardMediumSoftScore.ofSoft(60), Visit::windowRiskMinutes)
                .asConstraint(WINDOW_RISK);
    }

    /**
     * Arriving after the end of the window the customer was last texted breaks a promise, though a softer one than
     * the booked window (which stays hard): 180 soft per minute late, so a minute past the told end costs three
     * minutes of driving (1 soft a second), more than a minute of overtime (120) or of thin slack (60), and five
     * minutes late outweigh moving a visit to another technician (900). Never told: no penalty.
     */
    Constraint brokenToldWindow(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(v -> v.toldLateTicks() > 0)
                .penalize(HardMediumSoftScore.ofSoft(180), Visit::toldLateMinutes)
                .asConstraint(BROKEN_TOLD_WINDOW);
    }

    /**
     * A told window is a promise: the slack before its end should cover a usual overrun of the job before, at 90 soft
     * per minute short, half again the booked window's 60 (a told window is narrower and closer).
     */
    Constraint toldWindowRisk(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(v -> v.toldRiskMinutes() > 0)
                .penalize(HardMediumSoftScore.ofSoft(90), Visit::toldRiskMinutes)
                .asConstraint(TOLD_WINDOW_RISK);
    }

    /**
     * A told visit stays with its technician unless keeping it there breaks its window: on top of the stability
     * penalty (900) another 3,600 soft, an hour of driving; together they equal 25 minutes past the told end (180 a
     * minute), so a visit moves only to save a promise broken by more than that.
     */
    Constraint toldVisitMoved(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(Visit::toldAndMovedFromPublishedTechnician)
                .penalize(HardMediumSoftScore.ofSoft(3600))
                .asConstraint(TOLD_VISIT_MOVED);
    }

    Constraint preferredTechnician(ConstraintFactory factory) {
        // Worth ten minutes of extra driving to send the customer's usual technician.
        return factory.forEach(Visit.class)
                .filter(Visit::withOtherThanPreferredTechnician)
                .penalize(HardMediumSoftScore.ofSoft(600))
                .asConstraint(PREFERRED_TECHNICIAN);
    }

    Constraint stability(ConstraintFactory factory) {
        // A running day should not be reshuffled for small gains: moving a visit the technician and customer were
        // already told about must save at least 15 minutes of driving.
        return factory.forEach(Visit.class)
                .filter(Visit::movedFromPublishedTechnician)
                .penalize(HardMediumSoftScore.ofSoft(900))
                .asConstraint(STABILITY);
    }

    /**
     * A running day's route is the technician's instruction: each visit that comes after another one than on the route
     * sent costs 300 soft, five minutes of driving. Swapping two visits changes three predecessors (fifteen minutes),
     * so a re-plan for one visit at risk no longer re-orders the rest of every route for a few minutes saved (at 24
     * technicians it did on 8 to 16 routes a re-plan, each a new route version on a phone).
     */
    Constraint routeReordered(ConstraintFactory factory) {
        return factory.forEach(Visit.class)
                .filter(Visit::reorderedFromPublished)
                .penalize(HardMediumSoftScore.ofSoft(300))
                .asConstraint(ROUTE_REORDERED);
    }

    Constraint fairness(ConstraintFactory factory) {
        return factory.forEach(TechnicianShift.class)
                .groupBy(ConstraintCollectors.loadBalance(s -> s, TechnicianShift::workMinutes))
                .penalize(HardMediumSoftScore.ofSoft(10), balance -> balance.unfairness().longValue())
                .asConstraint(FAIRNESS);
    }
}
