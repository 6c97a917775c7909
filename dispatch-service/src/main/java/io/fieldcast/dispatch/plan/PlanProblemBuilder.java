package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.TravelFactor;
import io.fieldcast.dispatch.solver.TravelMatrix;
import io.fieldcast.dispatch.solver.Visit;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link PlanInput} into the solver's problem: one road-network matrix for all places of the day (ticks
 * are seconds from the earliest shift start), learned durations and travel factors per technician (the matrix is
 * shared; each shift scales it by its own factor), the current plan as a warm start,
 * and, when re-planning, everything started or due before the freeze time fixed at the front of its route; on a route
 * being rescued for a told window at risk, only what is started.
 */
public final class PlanProblemBuilder {

    /** A leg the road network cannot drive: so long that no plan uses it. */
    static final long UNREACHABLE = Duration.ofHours(48).toSeconds();
    /** Without learned data, the work before a visit may run a quarter of its default length over. */
    static final double DEFAULT_SPREAD_SHARE = 0.25;

    private PlanProblemBuilder() {
    }

    /** {@link #build(PlanInput, RoadNetwork, Instant, Duration, ConstraintWeightOverrides, Set)} rescuing nothing. */
    public static PlanProblem build(PlanInput input, RoadNetwork network, Instant now, Duration freeze,
                                    ConstraintWeightOverrides<HardMediumSoftScore> weights) {
        return build(input, network, now, freeze, weights, Set.of());
    }

    /**
     * @param now    null to plan a whole day ahead; else the re-planning moment
     * @param freeze with {@code now}: visits planned to start before now + freeze keep their place
     * @param rescue with {@code now}: ids of told visits at risk; their routes keep only what is started in place
     */
    public static PlanProblem build(PlanInput input, RoadNetwork network, Instant now, Duration freeze,
                                    ConstraintWeightOverrides<HardMediumSoftScore> weights, Set<String> rescue) {
        List<PlanInput.ShiftInput> shiftInputs = input.shifts();
        List<PlanInput.VisitInput> visitInputs = input.visits();
        Instant epoch = shiftInputs.stream().map(PlanInput.ShiftInput::start).min(Comparator.naturalOrder())
                .orElse(input.date().atStartOfDay(ZoneOffset.UTC).toInstant());
        TravelMatrix matrix = matrix(network, shiftInputs, visitInputs);

        List<TechnicianShift> shifts = new ArrayList<>();
        Map<String, TechnicianShift> byTechnician = new HashMap<>();
        Map<String, PlanInput.ShiftInput> shiftById = new LinkedHashMap<>();
        for (int i = 0; i < shiftInputs.size(); i++) {
            PlanInput.ShiftInput s = shiftInputs.get(i);
            Instant start = now != null && now.isAfter(s.start()) ? now : s.start();
            TechnicianShift shift = new TechnicianShift(s.technicianId(), i, i, ticks(epoch, start),
                    ticks(epoch, s.softEnd()), ticks(epoch, s.hardEnd()), matrix).withSkills(s.skills())
                    .withTravelFactor(TravelFactor.byLocalHour(s.travelFactorByHour(), epoch, input.zone()));
            if (s.breakMinutes() > 0 && s.breakEarliest() != null && s.breakLatest() != null) {
                boolean windowOpened = now != null && !now.isBefore(s.breakEarliest());
                shift.withBreak(ticks(epoch, s.breakEarliest()), ticks(epoch, s.breakLatest()),
                        s.breakMinutes() * 60L, windowOpened);
            }
            shifts.add(shift);
            byTechnician.put(s.technicianId(), shift);
            shiftById.put(shift.getId(), s);
        }

        List<Visit> visits = new ArrayList<>();
        Map<String, PlanInput.VisitInput> visitById = new LinkedHashMap<>();
        Map<TechnicianShift, List<PlanInput.VisitInput>> current = new HashMap<>();
        for (int i = 0; i < visitInputs.size(); i++) {
            PlanInput.VisitInput in = visitInputs.get(i);
            Visit v = visit(in, shiftInputs.size() + i, epoch, matrix, shiftInputs, now);
            visits.add(v);
            visitById.put(v.getId(), in);
            TechnicianShift on = in.technicianId() == null ? null : byTechnician.get(in.technicianId());
            if (on != null) {
                current.computeIfAbsent(on, k -> new ArrayList<>()).add(in);
            }
        }
        Map<String, Visit> visitsById = new HashMap<>();
        visits.forEach(v -> visitsById.put(v.getId(), v));
        for (var entry : current.entrySet()) {
            boolean rescuing = now != null
                    && entry.getValue().stream().anyMatch(v -> rescue.contains(v.appointmentId().toString()));
            warmStart(entry.getKey(), entry.getValue(), visitsById, now, freeze, epoch, matrix, rescuing);
        }
        return new PlanProblem(input, new DispatchPlan(shifts, visits, weights), epoch, visitById, shiftById);
    }

    private static Visit visit(PlanInput.VisitInput in, int location, Instant epoch, TravelMatrix matrix,
                               List<PlanInput.ShiftInput> shifts, Instant now) {
        long[] durations = new long[shifts.size()];
        long spreadSum = 0;
        int spreadCount = 0;
        for (int s = 0; s < shifts.size(); s++) {
            int[] learned = in.jobType() == null ? null : shifts.get(s).learned().get(in.jobType());
            durations[s] = 60L * (learned == null ? in.defaultMinutes() : learned[0]);
            if (learned != null) {
                spreadSum += 60L * Math.max(0, learned[1] - learned[0]);
                spreadCount++;
            }
        }
        long spread = spreadCount > 0 ? spreadSum / spreadCount
                : Math.round(60L * in.defaultMinutes() * DEFAULT_SPREAD_SHARE);
        Visit v = new Visit(in.appointmentId().toString(), location, ticks(epoch, in.windowStart()),
                ticks(epoch, in.windowEnd()), 60L * in.defaultMinutes(), matrix)
                .withDurationByShift(durations).withSpread(spread).withPriority(in.priority())
                .withRequiredSkills(in.requiredSkills());
        if (in.toldStart() != null && in.toldEnd() != null) {
            v.withToldWindow(ticks(epoch, in.toldStart()), ticks(epoch, in.toldEnd()));
        }
        if (now != null && in.technicianId() != null) {
            v.withPublished(in.technicianId());
        }
        if (in.pinned() && in.technicianId() != null) {
            v.withPin(in.technicianId(), in.routeSeq() == null ? 0 : in.routeSeq());
        }
        if (in.started()) {
            Instant arrival = in.fixedArrival() != null ? in.fixedArrival()
                    : in.plannedArrival() != null ? in.plannedArrival() : in.windowStart();
            long arrive = ticks(epoch, arrival);
            // The job takes what it usually takes its technician (learned), not the job type's default.
            long expectedEnd = arrive + durationOnAssignee(in, shifts, durations);
            // A visit running past its expected end keeps the technician busy at least until now.
            long leave = now == null ? expectedEnd : Math.max(expectedEnd, ticks(epoch, now));
            v.withFixedTimes(arrive, leave);
        }
        return v;
    }

    /** Seconds the visit is expected to take its assigned technician (the default when it has none here). */
    private static long durationOnAssignee(PlanInput.VisitInput in, List<PlanInput.ShiftInput> shifts,
                                           long[] durations) {
        for (int s = 0; s < shifts.size(); s++) {
            if (shifts.get(s).technicianId().equals(in.technicianId())) {
                return durations[s];
            }
        }
        return 60L * in.defaultMinutes();
    }

    /**
     * A job under way ends no earlier than eta-service expects: when its forecast puts the technician at the next
     * visit later than that visit's window (told or booked) opens, the technician is not waiting there but still
     * busy here, so the job runs until that arrival less the drive. Without it a job past its usual length was
     * taken to end at once, and a re-plan for a told window at risk behind it saw nothing at risk (demo: a
     * 148-minute install of a usual 74 broke the three windows after it, re-planned only once it was over).
     */
    private static void holdRunningJobToForecast(Visit running, Visit next, PlanInput.VisitInput nextIn,
                                                 Instant epoch, TravelMatrix matrix) {
        if (nextIn.forecastArrival() == null || !running.hasFixedTimes()) {
            return;
        }
        long forecast = ticks(epoch, nextIn.forecastArrival());
        long opens = Math.max(ticks(epoch, nextIn.windowStart()),
                nextIn.toldStart() == null ? Long.MIN_VALUE : ticks(epoch, nextIn.toldStart()));
        if (forecast <= opens) {
            return; // the forecast has the technician waiting for the window: it says nothing about the job
        }
        long leave = forecast - matrix.travel(running.location(), next.location());
        if (leave > running.fixedDeparture()) {
            running.withFixedTimes(running.fixedArrival(), leave);
        }
    }

    private static void warmStart(TechnicianShift shift, List<PlanInput.VisitInput> assigned,
                                  Map<String, Visit> visits, Instant now, Duration freeze, Instant epoch,
                                  TravelMatrix matrix, boolean rescuing) {
        Instant frozenUntil = now == null || rescuing ? null : now.plus(freeze == null ? Duration.ZERO : freeze);
        List<PlanInput.VisitInput> ordered = new ArrayList<>(assigned);
        // Started visits first, then the current order; within the freeze horizon nothing moves.
        ordered.sort(Comparator.comparing((PlanInput.VisitInput v) -> !v.started())
                .thenComparing(v -> v.routeSeq() == null ? Integer.MAX_VALUE : v.routeSeq()));
        // A running day also keeps every visit up to the last one whose customer was told a window, in order: a
        // visit put before a told one, or a reshuffle ahead of it, breaks what the customer was texted (re-planned
        // visits kept first windows 0.58 of the time in the demo, visits whose route held 0.91). A re-plan changes
        // what comes after; an absent technician's visits are not on any route here and move freely.
        // Except on a route rescued for a told window at risk: frozen, it could not save that window (on demo days
        // first windows with jobs ahead held 48 of 80 on routes a re-plan then changed, 400 of 450 elsewhere), so
        // only what is started stays; the visits ahead of the one at risk may go to another technician or behind it,
        // or it to another technician, and the told-window constraints weigh what that costs every customer told.
        int lastTold = -1;
        if (now != null && !rescuing) {
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).toldStart() != null) {
                    lastTold = i;
                }
            }
        }
        if (now != null && ordered.size() > 1 && ordered.get(0).started() && !ordered.get(1).started()) {
            holdRunningJobToForecast(visits.get(ordered.get(0).appointmentId().toString()),
                    visits.get(ordered.get(1).appointmentId().toString()), ordered.get(1), epoch, matrix);
        }
        int frozen = 0;
        List<Visit> list = new ArrayList<>();
        String previous = Visit.FIRST;
        for (PlanInput.VisitInput in : ordered) {
            if (now != null) {
                // The order as sent (a running day): the solver pays for every visit it puts after another one.
                visits.get(in.appointmentId().toString()).withPublishedAfter(in.technicianId(), previous);
                previous = in.appointmentId().toString();
            }
            boolean freezes = in.started() || list.size() <= lastTold || (frozenUntil != null
                    && in.plannedArrival() != null && in.plannedArrival().isBefore(frozenUntil));
            if (freezes && frozen == list.size()) {
                frozen++;
            }
            list.add(visits.get(in.appointmentId().toString()));
        }
        shift.setVisits(list);
        shift.withFrozenCount(frozen);
    }

    /** Places of a day on one road network: the console's timeline asks for the same day every few seconds. */
    private record MatrixKey(RoadNetwork network, List<GeoPoint> points) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MatrixKey k && k.network == network && k.points.equals(points);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(network) * 31 + points.hashCode();
        }
    }

    /** The last few matrices (read-only once built; ~2.5 MB for 550 places), least recently used out first. */
    private static final int CACHED_MATRICES = 6;
    private static final Map<MatrixKey, TravelMatrix> MATRICES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MatrixKey, TravelMatrix> eldest) {
            return size() > CACHED_MATRICES;
        }
    };

    private static TravelMatrix matrix(RoadNetwork network, List<PlanInput.ShiftInput> shifts,
                                       List<PlanInput.VisitInput> visits) {
        List<GeoPoint> points = new ArrayList<>();
        shifts.forEach(s -> points.add(s.home()));
        visits.forEach(v -> points.add(v.point()));
        MatrixKey key = new MatrixKey(network, List.copyOf(points));
        synchronized (MATRICES) {
            TravelMatrix cached = MATRICES.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TravelMatrix built = build(network, points);
        synchronized (MATRICES) {
            MATRICES.put(key, built);
        }
        return built;
    }

    private static TravelMatrix build(RoadNetwork network, List<GeoPoint> points) {
        int n = points.size();
        long[][] ticks = new long[n][n];
        if (n > 0) {
            var m = network.matrix(points, points);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ticks[i][j] = i == j ? 0 : m.reachable(i, j) ? Math.round(m.seconds(i, j)) : UNREACHABLE;
                }
            }
        }
        return new TravelMatrix(ticks, 60);
    }

    static long ticks(Instant epoch, Instant at) {
        return Duration.between(epoch, at).toSeconds();
    }
}
