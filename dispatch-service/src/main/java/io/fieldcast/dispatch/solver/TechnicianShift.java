package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.common.PlanningId;
import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPinToIndex;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One technician's working day: leaves {@link #location()} at {@link #start()}, serves {@link #visits} in order,
 * returns to {@link #endLocation()}. The first {@link #frozenCount} visits are fixed (started, or inside the
 * freeze horizon of a re-plan) and the solver never moves them.
 */
@PlanningEntity
public class TechnicianShift implements Located {

    @PlanningId
    private String id;
    private String technicianId;
    private int index;
    private int location;
    private int endLocation;
    private long start;
    private long softEnd;
    private long hardEnd;
    private Map<String, Integer> skills = Map.of();
    private long breakEarliest;
    private long breakLatest;
    private long breakLength;
    private boolean breakAlreadyTaken;
    private int capacity;
    private TravelMatrix matrix;
    private TravelFactor travelFactor = TravelFactor.AS_MAPPED;

    @PlanningListVariable(allowsUnassignedValues = true)
    private List<Visit> visits = new ArrayList<>();
    @PlanningPinToIndex
    private int frozenCount;

    public TechnicianShift() {
    }

    public TechnicianShift(String technicianId, int index, int location, long start, long softEnd, long hardEnd,
                           TravelMatrix matrix) {
        this.id = technicianId;
        this.technicianId = technicianId;
        this.index = index;
        this.location = location;
        this.endLocation = location;
        this.start = start;
        this.softEnd = softEnd;
        this.hardEnd = hardEnd;
        this.matrix = matrix;
    }

    public TechnicianShift withSkills(Map<String, Integer> skills) {
        this.skills = Map.copyOf(skills);
        return this;
    }

    /** A break of {@code length} ticks that must start between {@code earliest} and {@code latest}. */
    public TechnicianShift withBreak(long earliest, long latest, long length, boolean alreadyTaken) {
        this.breakEarliest = earliest;
        this.breakLatest = latest;
        this.breakLength = length;
        this.breakAlreadyTaken = alreadyTaken;
        return this;
    }

    public TechnicianShift withCapacity(int capacity) {
        this.capacity = capacity;
        return this;
    }

    public TechnicianShift withEndLocation(int endLocation) {
        this.endLocation = endLocation;
        return this;
    }

    /** This technician's learned travel factor by hour, applied to the shared matrix at each departure. */
    public TechnicianShift withTravelFactor(TravelFactor travelFactor) {
        this.travelFactor = travelFactor;
        return this;
    }

    public TechnicianShift withFrozenCount(int frozenCount) {
        this.frozenCount = frozenCount;
        return this;
    }

    // ---- derived facts ----

    public Timing startTiming() {
        return Timing.leaving(start, breakAlreadyTaken || !hasBreak());
    }

    public boolean hasBreak() {
        return breakLength > 0;
    }

    public boolean qualifiedFor(Map<String, Integer> required) {
        for (var r : required.entrySet()) {
            if (skills.getOrDefault(r.getKey(), 0) < r.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Visit lastVisit() {
        return visits.isEmpty() ? null : visits.get(visits.size() - 1);
    }

    private Timing lastTiming() {
        Visit last = lastVisit();
        return last == null ? startTiming() : last.getTiming();
    }

    /**
     * Ticks this technician drives from {@code from} to {@code to} leaving at tick {@code departure}: the road
     * matrix scaled by the learned factor of the local hour of departure. Every timing of the model goes through
     * here, so arrivals, travel cost, the return home and the explanations agree.
     */
    public long travel(int from, int to, long departure) {
        return travelFactor.travel(matrix.travel(from, to), departure);
    }

    /** The drive home from the last stop, leaving when the day's work (and a break owed after it) is done. */
    public long returnTravel() {
        Timing last = lastTiming();
        return last == null ? travel(lastLocation(), endLocation, start) : returnTravelAfter(last, lastLocation());
    }

    private int lastLocation() {
        Visit last = lastVisit();
        return last == null ? location : last.location();
    }

    /** The drive home when the last stop, at {@code lastLocation}, was left as {@code last} says. */
    public long returnTravelAfter(Timing last, int lastLocation) {
        return travel(lastLocation, endLocation, leaveForHome(last, lastLocation));
    }

    /** When the break is taken after the last visit (the day runs past the window without one), else -1. */
    public long breakAfterLastVisit() {
        Timing last = lastTiming();
        return last == null ? Timing.NO_BREAK : breakAfter(last, lastLocation());
    }

    private long breakAfter(Timing last, int lastLocation) {
        if (last.breakDone() || !hasBreak()) {
            return Timing.NO_BREAK;
        }
        long home = last.departure() + travel(lastLocation, endLocation, last.departure());
        return home > breakLatest ? Math.max(last.departure(), breakEarliest) : Timing.NO_BREAK;
    }

    private long leaveForHome(Timing last, int lastLocation) {
        long breakStart = breakAfter(last, lastLocation);
        return breakStart == Timing.NO_BREAK ? last.departure() : breakStart + breakLength;
    }

    /** When the technician is back at the end location. */
    public long end() {
        Timing last = lastTiming();
        return last == null ? start : endAfter(last, lastLocation());
    }

    /** When the technician is back when the last stop, at {@code lastLocation}, was left as {@code last} says. */
    public long endAfter(Timing last, int lastLocation) {
        long leave = leaveForHome(last, lastLocation);
        return leave + travel(lastLocation, endLocation, leave);
    }

    /** Minutes of the break taken after the last stop past its window, when the day ends that way. */
    public long endBreakLateMinutesAfter(Timing last, int lastLocation) {
        long breakStart = breakAfter(last, lastLocation);
        return breakStart == Timing.NO_BREAK ? 0 : matrix.minutesCeil(breakStart - breakLatest);
    }

    public long overtimeMinutes() {
        return matrix.minutesCeil(end() - softEnd);
    }

    public long pastHardEndMinutes() {
        return matrix.minutesCeil(end() - hardEnd);
    }

    public long endBreakLateMinutes() {
        Timing last = lastTiming();
        return last == null ? 0 : endBreakLateMinutesAfter(last, lastLocation());
    }

    public int demandOverCapacity() {
        if (capacity <= 0) {
            return 0;
        }
        int demand = 0;
        for (Visit v : visits) {
            demand += v.demand();
        }
        return Math.max(0, demand - capacity);
    }

    /** Ticks driven over the whole route, the return included, each leg at its hour's factor. */
    public long travelTicks() {
        if (visits.isEmpty()) {
            return 0;
        }
        long total = 0;
        int from = location;
        for (Visit v : visits) {
            Timing t = v.getTiming();
            total += t == null ? matrix.travel(from, v.location()) : t.travel();
            from = v.location();
        }
        return total + returnTravel();
    }

    /** Minutes from leaving to returning, the workload compared for fairness; 0 for an idle day. */
    public long workMinutes() {
        return visits.isEmpty() ? 0 : matrix.minutesCeil(end() - start);
    }

    // ---- accessors ----

    public String getId() {
        return id;
    }

    public String technicianId() {
        return technicianId;
    }

    public int index() {
        return index;
    }

    @Override
    public int location() {
        return location;
    }

    public int endLocation() {
        return endLocation;
    }

    public long start() {
        return start;
    }

    public long softEnd() {
        return softEnd;
    }

    public long hardEnd() {
        return hardEnd;
    }

    public Map<String, Integer> skills() {
        return skills;
    }

    public long breakEarliest() {
        return breakEarliest;
    }

    public long breakLatest() {
        return breakLatest;
    }

    public long breakLength() {
        return breakLength;
    }

    public int capacity() {
        return capacity;
    }

    public TravelMatrix matrix() {
        return matrix;
    }

    public TravelFactor travelFactor() {
        return travelFactor;
    }

    public List<Visit> getVisits() {
        return visits;
    }

    public void setVisits(List<Visit> visits) {
        this.visits = visits;
    }

    public int getFrozenCount() {
        return frozenCount;
    }

    @Override
    public String toString() {
        return id;
    }
}
