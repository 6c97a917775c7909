package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.ToldWindows;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.dispatch.solver.DispatchConstraints;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.roadnetwork.SnapException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The optimizer as the dispatcher uses it: solve a territory-day, watch, stop, publish, explain, pin a visit by
 * hand. Blocking by design (call from worker threads): building a problem computes a road matrix.
 */
@ApplicationScoped
public class PlanService {

    private final PlanInputs inputs;
    private final PlanJobs jobs;
    private final PlanPublisher publisher;
    private final Roads roads;
    private final DayLoader days;
    private final ToldWindows toldWindows;
    private final AuditLog audit;
    private final PlanSettings settings;
    private final Clock clock;

    public PlanService(PlanInputs inputs, PlanJobs jobs, PlanPublisher publisher, Roads roads, DayLoader days,
                       ToldWindows toldWindows, AuditLog audit, PlanSettings settings, Clock clock) {
        this.inputs = inputs;
        this.jobs = jobs;
        this.publisher = publisher;
        this.roads = roads;
        this.days = days;
        this.toldWindows = toldWindows;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Builds the problem from the database: the whole day, or from {@code now} on with the freeze (re-plan). */
    public PlanProblem prepare(String territoryId, LocalDate date, Instant now) {
        return prepare(territoryId, date, now, Set.of());
    }

    /** {@link #prepare(String, LocalDate, Instant)}, rescuing the routes of the told visits {@code rescue}. */
    public PlanProblem prepare(String territoryId, LocalDate date, Instant now, Set<String> rescue) {
        PlanInputs.Loaded loaded = Reactive.inSession(() -> inputs.load(territoryId, date, now != null));
        var weights = weights(loaded.day().territory());
        try {
            return PlanProblemBuilder.build(loaded.input(), roads.network(), now, settings.freeze(), weights,
                    rescue);
        } catch (SnapException e) {
            // A home or customer address outside the loaded map (data from another map): nothing to plan on.
            throw ApiException.conflict("cannot plan " + territoryId + " on " + date + ": " + e.getMessage()
                    + "; correct that address or load the map it lies on (fieldcast.road.osm-file)",
                    Map.of("territoryId", territoryId, "date", date.toString()));
        }
    }

    public PlanJobs.Job solve(String territoryId, LocalDate date, Integer seconds, String actor) {
        Duration limit = seconds == null ? settings.solveTime() : Duration.ofSeconds(seconds);
        if (limit.isNegative() || limit.isZero() || limit.compareTo(settings.maxSolveTime()) > 0) {
            throw ApiException.badRequest("seconds", "must be between 1 and " + settings.maxSolveTime().toSeconds());
        }
        boolean today = date.equals(LocalDate.now(clock.withZone(zoneOf(territoryId))));
        PlanProblem problem = prepare(territoryId, date, today ? clock.instant() : null);
        if (problem.plan().getShifts().isEmpty()) {
            throw ApiException.conflict("no technician works in " + territoryId + " on " + date,
                    Map.of("territoryId", territoryId, "date", date.toString()));
        }
        PlanJobs.Job job = jobs.start(problem, limit);
        Reactive.inTransaction(() -> audit.record("plan", PlanJobs.key(territoryId, date),
                "SOLVE_STARTED", actor, null, null, Map.of("seconds", limit.toSeconds(),
                        "visits", problem.plan().getVisits().size(), "technicians", problem.plan().getShifts().size())));
        return job;
    }

    /** Stops the territory-day's solve held here; false when none runs. Audited like its start. */
    public boolean stop(String territoryId, LocalDate date, String actor) {
        if (!jobs.stop(territoryId, date)) {
            return false;
        }
        Reactive.inTransaction(() -> audit.record("plan", PlanJobs.key(territoryId, date), "SOLVE_STOPPED", actor,
                null, null, null));
        return true;
    }

    /** Progress of the territory-day's latest solve, on whichever instance it runs. */
    public PlanJobs.Progress progress(String territoryId, LocalDate date) {
        return jobs.progress(territoryId, date).orElseThrow(() -> noSolve(territoryId, date));
    }

    /** The territory-day's solve held by this instance (a request for one held by another is forwarded to it). */
    public PlanJobs.Job job(String territoryId, LocalDate date) {
        return jobs.job(territoryId, date).orElseThrow(() -> jobs.progress(territoryId, date)
                .<ApiException>map(p -> ApiException.conflict("the instance of dispatch-service that solved "
                        + territoryId + " on " + date + " stopped, and its plan with it; solve again",
                        Map.of("status", p.status())))
                .orElseGet(() -> noSolve(territoryId, date)));
    }

    private static ApiException noSolve(String territoryId, LocalDate date) {
        return ApiException.notFound("no solve of " + territoryId + " on " + date + " yet");
    }

    /**
     * Publishes the solved plan. A plan that breaks windows told to customers (a told visit unassigned, or reached
     * after its told end) is refused with the list of those customers unless {@code confirmed}: each of them will be
     * texted a new window, and the dispatcher should know before.
     */
    public PlanPublisher.Result publish(String territoryId, LocalDate date, String actor, boolean confirmed) {
        PlanJobs.Job job = job(territoryId, date);
        if (job.status() == PlanJobs.Status.SOLVING) {
            throw ApiException.conflict("still solving: stop the solve or wait for it to finish", Map.of());
        }
        DispatchPlan best = job.best().orElseThrow(() -> ApiException.conflict("the solve found no plan: "
                + job.error, Map.of()));
        List<BrokenPromises.Broken> broken = BrokenPromises.of(job.problem(), best);
        if (!broken.isEmpty() && !confirmed) {
            throw ApiException.conflict(("this plan breaks the window told to %d customer(s), who will be texted a "
                    + "new window; publish with confirm=true to go ahead").formatted(broken.size()),
                    Map.of("brokenPromises", broken));
        }
        String reason = "published by " + actor + (broken.isEmpty() ? ""
                : "; breaks %d told window(s), confirmed: %s".formatted(broken.size(),
                broken.stream().map(b -> b.appointmentId() + " " + b.why()).toList()));
        try {
            PlanPublisher.Result result = Reactive.await(() -> publisher.publish(job.problem(), best, actor,
                    reason, false));
            job.published = true;
            return result;
        } catch (PlanPublisher.OutdatedException e) {
            throw ApiException.conflict(e.getMessage(), Map.of("unseen", e.unseen));
        }
    }

    /** The plan being solved, else the current plan of record, explained. */
    public PlanAnalyzer.Analysis analysis(String territoryId, LocalDate date) {
        var job = jobs.job(territoryId, date);
        if (job.isPresent() && job.get().best().isPresent()) {
            return PlanAnalyzer.analyze(jobs, job.get().problem(), job.get().best().get());
        }
        PlanProblem current = prepare(territoryId, date, null);
        jobs.solutions().update(current.plan());
        return PlanAnalyzer.analyze(jobs, current, current.plan());
    }

    /**
     * The day for the console's timeline and map: the plan being solved (or solved and not yet published), else
     * the plan of record, with every appointment of the day, its latest arrival forecast and the window its customer
     * was last told.
     */
    public PlanTimeline.Timeline timeline(String territoryId, LocalDate date) {
        zoneOf(territoryId);
        var job = jobs.job(territoryId, date);
        var unpublished = job.filter(j -> !j.published && j.best().isPresent());
        PlanProblem problem;
        DispatchPlan plan;
        if (unpublished.isPresent()) {
            problem = unpublished.get().problem();
            plan = unpublished.get().best().orElseThrow();
        } else {
            problem = prepare(territoryId, date, null);
            jobs.solutions().update(problem.plan());
            plan = problem.plan();
        }
        List<Appointment> appointments = Reactive.inSession(() -> Appointment
                .<Appointment>list("territoryId = ?1 and serviceDate = ?2 order by windowStart", territoryId, date));
        List<UUID> ids = appointments.stream().map(a -> a.id).toList();
        List<LatestForecast> forecasts = ids.isEmpty() ? List.of() : Reactive.inSession(
                () -> LatestForecast.<LatestForecast>list("appointmentId in ?1", ids));
        Map<UUID, ToldWindows.Told> told = Reactive.inSession(() -> toldWindows.of(ids));
        return PlanTimeline.build(problem, plan, unpublished.isPresent() ? "SOLVE" : "PLAN_OF_RECORD",
                job.map(j -> j.status().name()).orElse(null), appointments, forecasts, told);
    }

    /**
     * Manual dispatch: puts the visit with {@code technicianId} at {@code position} and pins it there; the next
     * solve plans everything else around it.
     */
    public void pin(String territoryId, LocalDate date, UUID appointmentId, String technicianId, int position,
                    String actor) {
        Reactive.inTransaction(() -> days.lock(territoryId, date)
                .chain(() -> days.load(territoryId, date))
                .chain(day -> {
                    Appointment a = day.openAppointments().stream().filter(x -> x.id.equals(appointmentId))
                            .findFirst().orElseThrow(() -> ApiException.notFound("no open appointment "
                                    + appointmentId + " in " + territoryId + " on " + date));
                    if (a.status == AppointmentStatus.ON_SITE || a.status == AppointmentStatus.EN_ROUTE) {
                        throw ApiException.conflict("the visit has started and cannot move", Map.of());
                    }
                    if (!day.works(technicianId)) {
                        throw ApiException.badRequest("technicianId", "'" + technicianId
                                + "' does not work in " + territoryId + " on " + date);
                    }
                    List<Appointment> route = day.openAppointments().stream()
                            .filter(x -> technicianId.equals(x.technicianId) && !x.id.equals(appointmentId))
                            .sorted(Comparator.comparing(x -> x.routeSeq == null ? 0 : x.routeSeq))
                            .toList();
                    int at = Math.max(0, Math.min(position, route.size()));
                    var before = Map.of("technicianId", String.valueOf(a.technicianId),
                            "routeSeq", String.valueOf(a.routeSeq), "pinned", String.valueOf(a.pinned));
                    for (int i = 0; i < route.size(); i++) {
                        route.get(i).routeSeq = i < at ? i : i + 1;
                    }
                    a.technicianId = technicianId;
                    a.routeSeq = at;
                    a.pinned = true;
                    a.updatedAt = clock.instant();
                    return audit.record("appointment", a.id.toString(), "PINNED", actor, null, before,
                            Map.of("technicianId", technicianId, "routeSeq", at, "pinned", true));
                }));
    }

    public void unpin(UUID appointmentId, String actor) {
        Reactive.inTransaction(() -> Appointment.<Appointment>findById(appointmentId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no appointment " + appointmentId))
                .chain(a -> {
                    a.pinned = false;
                    a.updatedAt = clock.instant();
                    return audit.record("appointment", a.id.toString(), "UNPINNED", actor, null, null, null);
                }));
    }

    // ---- constraint weights per territory ----

    /** Every constraint's weight for the territory: its override, else the default. */
    public Map<String, String> weights(String territoryId) {
        Territory t = territory(territoryId);
        Map<String, String> out = new TreeMap<>(defaultWeights());
        if (t.constraintWeights != null) {
            out.putAll(Json.stringMap(t.constraintWeights));
        }
        return out;
    }

    public Map<String, String> updateWeights(String territoryId, Map<String, String> weights, String actor) {
        Set<String> known = defaultWeights().keySet();
        Map<String, String> clean = new HashMap<>();
        for (var e : weights.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ApiException.badRequest("weights", "unknown constraint '" + e.getKey() + "'; known: "
                        + new TreeSet<>(known));
            }
            try {
                HardMediumSoftScore score = HardMediumSoftScore.parseScore(e.getValue());
                if (score.hardScore() < 0 || score.mediumScore() < 0 || score.softScore() < 0) {
                    throw new IllegalArgumentException("negative");
                }
                clean.put(e.getKey(), score.toString());
            } catch (RuntimeException ex) {
                throw ApiException.badRequest("weights", "weight of '" + e.getKey()
                        + "' must look like 0hard/0medium/60soft with no negative part");
            }
        }
        Reactive.inTransaction(() -> Territory.<Territory>findById(territoryId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("territory " + territoryId)).chain(t -> {
            String before = t.constraintWeights;
            t.constraintWeights = Json.write(clean);
            return audit.record("territory", territoryId, "WEIGHTS_CHANGED", actor, null, before, clean);
        }));
        return weights(territoryId);
    }

    static Map<String, String> defaultWeights() {
        Map<String, String> defaults = new HashMap<>();
        for (Field f : DispatchConstraints.class.getFields()) {
            if (f.getType() == String.class) {
                try {
                    defaults.put((String) f.get(null), "default");
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return defaults;
    }

    private static ConstraintWeightOverrides<HardMediumSoftScore> weights(Territory territory) {
        if (territory.constraintWeights == null || territory.constraintWeights.isBlank()) {
            return ConstraintWeightOverrides.none();
        }
        Map<String, HardMediumSoftScore> overrides = new HashMap<>();
        Json.stringMap(territory.constraintWeights).forEach((k, v) -> overrides.put(k,
                HardMediumSoftScore.parseScore(v)));
        return ConstraintWeightOverrides.of(overrides);
    }

    private Territory territory(String territoryId) {
        Territory t = Reactive.inSession(() -> Territory.<Territory>findById(territoryId));
        if (t == null) {
            throw ApiException.notFound("no territory '" + territoryId + "'");
        }
        return t;
    }

    public ZoneId zoneOf(String territoryId) {
        return territory(territoryId).zone();
    }
}
