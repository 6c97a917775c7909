package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.common.PlanningId;
import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.variable.IndexShadowVariable;
import ai.timefold.solver.core.api.domain.variable.InverseRelationShadowVariable;
import ai.timefold.solver.core.api.domain.variable.PreviousElementShadowVariable;
import ai.timefold.solver.core.api.domain.variable.ShadowSources;
import ai.timefold.solver.core.api.domain.variable.ShadowVariable;
import ai.timefold.solver.core.api.domain.variable.ShadowVariablesInconsistent;

import java.util.Map;

/**
 * One appointment to serve. Times are ticks from the plan's epoch (see {@link TravelMatrix}); the window is an
 * arrival window: arriving early means waiting, arriving after {@link #windowEnd()} is late.
 */
@PlanningEntity
public class Visit implements Located {

    public static final long NOT_FIXED = -1;
    /** No window was texted to the customer: only the booked window applies. */
    public static final long NOT_TOLD = Long.MIN_VALUE;

    @PlanningId
    private String id;
    private int location;
    private long windowStart;
    private long windowEnd;
    private long duration;
    /** Duration per technician (indexed by {@link TechnicianShift#index()}), when learned; else {@link #duration}. */
    private long[] durationByShift;
    /** How much the work before this visit may run over (p90 − p50 of the preceding service), in ticks. */
    private long spread;
    private int priority;
    private Map<String, Integer> requiredSkills = Map.of();
    private int demand;
    private String preferredTechnicianId;
    private String pinnedTechnicianId;
    /** The technician this visit was last sent to, when re-planning a day that is running. */
    /** {@link #withPublishedAfter}'s previous for the first visit of a route. */
    public static final String FIRST = "";
    private String publishedTechnicianId;
    /** The visit before this one on the route last sent ({@link #FIRST}: none before it); null when not sent. */
    private String publishedPreviousId;
    private int pinnedOrder = -1;
    private long fixedArrival = NOT_FIXED;
    private long fixedDeparture = NOT_FIXED;
    /** The window the customer was last texted (customer-notify), when there was one: do not ring before its start. */
    private long toldStart = NOT_TOLD;
    private long toldEnd = NOT_TOLD;
    private TravelMatrix matrix;

    @InverseRelationShadowVariable(sourceVariableName = "visits")
    private TechnicianShift shift;
    @PreviousElementShadowVariable(sourceVariableName = "visits")
    private Visit previousVisit;
    @IndexShadowVariable(sourceVariableName = "visits")
    private Integer index;
    @ShadowVariable(supplierName = "timingSupplier")
    private Timing timing;
    @ShadowVariablesInconsistent
    private boolean inconsistent;

    public Visit() {
    }

    public Visit(String id, int location, long windowStart, long windowEnd, long duration, TravelMatrix matrix) {
        this.id = id;
        this.matrix = matrix;
        this.location = location;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.duration = duration;
    }

    @SuppressWarnings("unused")
    @ShadowSources({"shift", "previousVisit.timing"})
    public Timing timingSupplier() {
        if (shift == null) {
            return null;
        }
        if (previousVisit == null) {
            return Timing.next(shift, shift.startTiming(), shift.location(), this);
        }
        Timing previous = previousVisit.timing;
        return previous == null ? null : Timing.next(shift, previous, previousVisit.location, this);
    }

    // ---- derived facts used by constraints ----

    public long durationOn(TechnicianShift on) {
        return durationByShift == null ? duration : durationByShift[on.index()];
    }

    /**
     * Ticks of driving from the previous stop (or the technician's start) to here, at the technician's learned
     * factor for the hour of departure; 0 when unassigned.
     */
    public long travelFromPrevious() {
        if (shift == null) {
            return 0;
        }
        if (timing != null) {
            return timing.travel();
        }
        int from = previousVisit == null ? shift.location() : previousVisit.location;
        return matrix.travel(from, location);
    }

    /** When the technician may ring: the booked window's start, or the told window's if that is later. */
    public long earliestStart() {
        return isTold() ? Math.max(windowStart, toldStart) : windowStart;
    }

    public boolean isTold() {
        return toldStart != NOT_TOLD;
    }

    /** Ticks the arrival falls after the end of the window the customer was last told; 0 when never told. */
    public long toldLateTicks() {
        return timing == null || !isTold() ? 0 : Math.max(0, timing.arrival() - toldEnd);
    }

    public long toldLateMinutes() {
        return shift == null || timing == null ? 0 : toldLateMinutesArriving(timing.arrival());
    }

    /** {@link #toldLateMinutes()} for an arrival at {@code arrival}. */
    long toldLateMinutesArriving(long arrival) {
        return isTold() ? matrix.minutesCeil(arrival - toldEnd) : 0;
    }

    /**
     * Minutes by which the slack to the told window's end falls short of the preceding work's spread: a told window
     * a usual overrun of the job before would break. 0 when never told or already past the told end (that is
     * {@link #toldLateMinutes()}).
     */
    public long toldRiskMinutes() {
        return shift == null || timing == null ? 0 : toldRiskMinutesArriving(previousVisit, timing.arrival());
    }

    /** {@link #toldRiskMinutes()} for an arrival at {@code arrival} after {@code previous} (null: first stop). */
    long toldRiskMinutesArriving(Visit previous, long arrival) {
        if (previous == null || !isTold() || arrival > toldEnd) {
            return 0;
        }
        return matrix.minutesCeil(previous.spread - (toldEnd - arrival));
    }

    public long lateTicks() {
        return timing == null ? 0 : Math.max(0, timing.arrival() - windowEnd);
    }

    public long lateMinutes() {
        return shift == null ? 0 : matrix.minutesCeil(lateTicks());
    }

    /** Minutes by which the break taken just before this visit started after its allowed window. */
    public long breakLateMinutes() {
        if (shift == null || timing == null || !timing.tookBreakHere()) {
            return 0;
        }
        return matrix.minutesCeil(timing.breakStart() - shift.breakLatest());
    }

    /** Minutes by which the slack to the window end falls short of the preceding work's spread. */
    public long windowRiskMinutes() {
        return shift == null || timing == null ? 0 : windowRiskMinutesArriving(previousVisit, timing.arrival());
    }

    /** {@link #windowRiskMinutes()} for an arrival at {@code arrival} after {@code previous} (null: first stop). */
    long windowRiskMinutesArriving(Visit previous, long arrival) {
        if (previous == null || arrival > windowEnd) {
            return 0;
        }
        return matrix.minutesCeil(previous.spread - (windowEnd - arrival));
    }

    public boolean missesSkills() {
        return shift != null && !shift.qualifiedFor(requiredSkills);
    }

    public boolean withOtherThanPinnedTechnician() {
        return shift != null && pinnedTechnicianId != null && !pinnedTechnicianId.equals(shift.technicianId());
    }

    /**
     * Still with the technician it was sent to, but after another visit than on the route sent: the day was
     * re-ordered, and the technician gets a new route for it.
     */
    public boolean reorderedFromPublished() {
        return reorderedAfter(previousVisit, shift);
    }

    /** {@link #reorderedFromPublished()} if this visit came right after {@code previous} (null: first) on {@code on}. */
    boolean reorderedAfter(Visit previous, TechnicianShift on) {
        return on != null && publishedPreviousId != null && on.technicianId().equals(publishedTechnicianId)
                && !publishedPreviousId.equals(previous == null ? FIRST : previous.id);
    }

    /** A visit on a route sent for a running day, now on nobody's route. */
    public boolean droppedFromRoute() {
        return shift == null && publishedTechnicianId != null;
    }

    public boolean movedFromPublishedTechnician() {
        return shift != null && publishedTechnicianId != null && !publishedTechnicianId.equals(shift.technicianId());
    }

    /** A visit whose customer was told a window, moved off the technician it was sent to. */
    public boolean toldAndMovedFromPublishedTechnician() {
        return isTold() && movedFromPublishedTechnician();
    }

    public boolean withOtherThanPreferredTechnician() {
        return shift != null && preferredTechnicianId != null && !preferredTechnicianId.equals(shift.technicianId());
    }

    /** Medium-level weight of leaving this visit out: emergencies first, then by priority. */
    public int unassignedWeight() {
        return 1 + Math.max(0, priority);
    }

    public boolean hasFixedTimes() {
        return fixedArrival != NOT_FIXED && fixedDeparture != NOT_FIXED;
    }

    // ---- builder-style setters for the facts ----

    public Visit withDurationByShift(long[] durations) {
        this.durationByShift = durations;
        return this;
    }

    public Visit withSpread(long spread) {
        this.spread = spread;
        return this;
    }

    public Visit withPriority(int priority) {
        this.priority = priority;
        return this;
    }

    public Visit withRequiredSkills(Map<String, Integer> skills) {
        this.requiredSkills = Map.copyOf(skills);
        return this;
    }

    public Visit withDemand(int demand) {
        this.demand = demand;
        return this;
    }

    public Visit withPreferredTechnician(String technicianId) {
        this.preferredTechnicianId = technicianId;
        return this;
    }

    public Visit withPublished(String technicianId) {
        this.publishedTechnicianId = technicianId;
        return this;
    }

    /** Marks the place on the route sent: right after visit {@code previousId}, or first ({@link #FIRST}). */
    public Visit withPublishedAfter(String technicianId, String previousId) {
        this.publishedTechnicianId = technicianId;
        this.publishedPreviousId = previousId;
        return this;
    }

    public Visit withPin(String technicianId, int order) {
        this.pinnedTechnicianId = technicianId;
        this.pinnedOrder = order;
        return this;
    }

    public Visit withToldWindow(long start, long end) {
        this.toldStart = start;
        this.toldEnd = end;
        return this;
    }

    public Visit withFixedTimes(long arrival, long departure) {
        this.fixedArrival = arrival;
        this.fixedDeparture = departure;
        return this;
    }

    // ---- accessors ----

    public String getId() {
        return id;
    }

    @Override
    public int location() {
        return location;
    }

    public long windowStart() {
        return windowStart;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public long toldStart() {
        return toldStart;
    }

    public long toldEnd() {
        return toldEnd;
    }

    public long duration() {
        return duration;
    }

    public long spread() {
        return spread;
    }

    public int priority() {
        return priority;
    }

    public Map<String, Integer> requiredSkills() {
        return requiredSkills;
    }

    public TravelMatrix matrix() {
        return matrix;
    }

    public int demand() {
        return demand;
    }

    public String preferredTechnicianId() {
        return preferredTechnicianId;
    }

    public String publishedTechnicianId() {
        return publishedTechnicianId;
    }

    public String pinnedTechnicianId() {
        return pinnedTechnicianId;
    }

    public int pinnedOrder() {
        return pinnedOrder;
    }

    public long fixedArrival() {
        return fixedArrival;
    }

    public long fixedDeparture() {
        return fixedDeparture;
    }

    public TechnicianShift getShift() {
        return shift;
    }

    public void setShift(TechnicianShift shift) {
        this.shift = shift;
    }

    public Visit getPreviousVisit() {
        return previousVisit;
    }

    public void setPreviousVisit(Visit previousVisit) {
        this.previousVisit = previousVisit;
    }

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    public Timing getTiming() {
        return timing;
    }

    public void setTiming(Timing timing) {
        this.timing = timing;
    }

    public boolean isInconsistent() {
        return inconsistent;
    }

    public void setInconsistent(boolean inconsistent) {
        this.inconsistent = inconsistent;
    }

    @Override
    public String toString() {
        return id;
    }
}
