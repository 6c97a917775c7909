package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.SolverTuning;
import io.fieldcast.platform.rest.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Solving territory-days: one asynchronous job per territory-day, with live progress and the best plan so far. The
 * job lives on the instance that started it; {@link PlanSolves} tells every instance who holds it and how far it got,
 * so progress and events are answered anywhere, and what needs the plan itself is forwarded to the holder.
 */
@ApplicationScoped
public class PlanJobs {

    private static final Logger LOG = Logger.getLogger(PlanJobs.class);
    /** How often a client following another instance's solve sees its row again. */
    private static final Duration REMOTE_POLL = Duration.ofMillis(500);

    public enum Status { SOLVING, SOLVED, STOPPED, FAILED }

    /** What the console shows while a plan is being solved. */
    public record Progress(String key, Status status, String score, long elapsedMs, int assigned, int unassigned,
                           int late, double travelHours, double overtimeHours, long improvements, String error) {
    }

    /** One solve of one territory-day. */
    public static final class Job {
        final String key;
        final PlanProblem problem;
        final Instant startedAt;
        final BroadcastProcessor<Progress> events = BroadcastProcessor.create();
        volatile DispatchPlan best;
        volatile Status status = Status.SOLVING;
        volatile String error;
        volatile long improvements;
        volatile Instant finishedAt;
        volatile boolean stopRequested;
        /** Its best plan became the plan of record; from then on the database tells the day. */
        volatile boolean published;
        /** Progress the siblings have not seen yet. */
        volatile boolean unsaved = true;

        Job(String key, PlanProblem problem, Instant startedAt) {
            this.key = key;
            this.problem = problem;
            this.startedAt = startedAt;
        }

        public PlanProblem problem() {
            return problem;
        }

        public Optional<DispatchPlan> best() {
            return Optional.ofNullable(best);
        }

        public Status status() {
            return status;
        }
    }

    private final SolverManager<DispatchPlan> manager;
    private final SolutionManager<DispatchPlan, HardMediumSoftScore> solutions;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final PlanSolves solves;
    private final Clock clock;
    /** Writes progress for the siblings and keeps this instance's solves alive in their eyes. */
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("plan-solves").factory());

    public PlanJobs(PlanSolves solves, Clock clock) {
        this.solves = solves;
        this.clock = clock;
        this.manager = SolverManager.create(SolverTuning.config(Duration.ofSeconds(30), null));
        this.solutions = SolutionManager.create(manager);
        heartbeat.scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        manager.close();
    }

    private void beat() {
        try {
            for (Job job : jobs.values()) {
                save(job);
            }
            if (!jobs.isEmpty()) {
                solves.heartbeat();
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not tell the other instances about this one's solves: %s", e.toString());
        }
    }

    private void save(Job job) {
        if (job.unsaved) {
            job.unsaved = false;
            try {
                solves.update(job.problem.input().territoryId(), job.problem.input().date(), progress(job));
            } catch (RuntimeException e) {
                job.unsaved = true;
                throw e;
            }
        }
    }

    public static String key(String territoryId, LocalDate date) {
        return territoryId + "/" + date;
    }

    public SolutionManager<DispatchPlan, HardMediumSoftScore> solutions() {
        return solutions;
    }

    /** Starts solving in the background; 409 when this territory-day is already being solved, here or elsewhere. */
    public Job start(PlanProblem problem, Duration limit) {
        String territoryId = problem.input().territoryId();
        LocalDate date = problem.input().date();
        String key = key(territoryId, date);
        Job job = new Job(key, problem, clock.instant());
        Job previous = jobs.compute(key, (k, old) -> old != null && old.status == Status.SOLVING ? old : job);
        if (previous != job || !solves.claim(territoryId, date, progress(job), job.startedAt)) {
            if (previous == job) {
                jobs.remove(key, job);
            }
            throw ApiException.conflict("this territory-day is already being solved; stop it first",
                    Map.of("key", key));
        }
        manager.solveBuilder()
                .withProblemId(key)
                .withProblem(problem.plan())
                .withConfigOverride(new SolverConfigOverride().withTerminationSpentLimit(limit))
                .withBestSolutionEventConsumer(e -> improved(job, e.solution()))
                .withFinalBestSolutionEventConsumer(e -> finished(job, e.solution()))
                .withExceptionHandler((id, t) -> failed(job, t))
                .run();
        return job;
    }

    /** Solves right here (a re-plan): stops at {@code limit} or after {@code unimproved} without a better plan. */
    public DispatchPlan solveNow(PlanProblem problem, Duration limit, Duration unimproved) {
        String key = "replan:" + key(problem.input().territoryId(), problem.input().date()) + ":" + clock.millis();
        var termination = new TerminationConfig().withSpentLimit(limit).withUnimprovedSpentLimit(unimproved);
        try {
            return manager.solveBuilder().withProblemId(key).withProblem(problem.plan())
                    .withConfigOverride(new SolverConfigOverride().withTerminationConfig(termination))
                    .run().getFinalBestSolution();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-plan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("re-plan failed: " + e.getCause(), e.getCause());
        }
    }

    /** The territory-day's latest solve if this instance holds it (another may have solved it again since). */
    public Optional<Job> job(String territoryId, LocalDate date) {
        Job local = jobs.get(key(territoryId, date));
        if (local == null) {
            return Optional.empty();
        }
        return solves.find(territoryId, date).filter(held -> held.instance().equals(solves.me())).map(held -> local);
    }

    /** Progress of the territory-day's latest solve, wherever it runs; empty when none was started. */
    public Optional<Progress> progress(String territoryId, LocalDate date) {
        Optional<PlanSolves.Held> held = solves.find(territoryId, date);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Job local = jobs.get(key(territoryId, date));
        if (held.get().instance().equals(solves.me()) && local != null) {
            return Optional.of(progress(local));
        }
        return Optional.of(seenFromHere(held.get()));
    }

    /** A solve held by a gone instance is over: its plan went with it. */
    private static Progress seenFromHere(PlanSolves.Held held) {
        Progress p = held.progress();
        if (held.alive() || p.status() != Status.SOLVING) {
            return p;
        }
        return new Progress(p.key(), Status.FAILED, p.score(), p.elapsedMs(), p.assigned(), p.unassigned(), p.late(),
                p.travelHours(), p.overtimeHours(), p.improvements(),
                "the instance that was solving it stopped; solve again");
    }

    /** Stops this instance's solve of the territory-day; false when it holds none that is solving. */
    public boolean stop(String territoryId, LocalDate date) {
        Optional<Job> job = job(territoryId, date);
        if (job.isEmpty() || job.get().status != Status.SOLVING) {
            return false;
        }
        job.get().stopRequested = true;
        manager.terminateEarly(job.get().key);
        return true;
    }

    /**
     * The solve's progress at every new best plan until it ends, the current state first (a client that connects
     * late still sees something at once). A solve held by another instance is followed through its row.
     */
    public Multi<Progress> events(String territoryId, LocalDate date, Progress current) {
        Optional<Job> local = job(territoryId, date);
        if (local.isPresent()) {
            Job job = local.get();
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(progress(job)),
                    job.status == Status.SOLVING ? job.events : Multi.createFrom().empty());
        }
        if (current.status() != Status.SOLVING) {
            return Multi.createFrom().item(current);
        }
        AtomicBoolean ended = new AtomicBoolean();
        Multi<Progress> later = Multi.createFrom().ticks().every(REMOTE_POLL)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> solves.findAsync(territoryId, date))
                .map(held -> held.map(PlanJobs::seenFromHere).orElse(current))
                // Up to and with the first state that is not SOLVING.
                .select().first(p -> !ended.getAndSet(p.status() != Status.SOLVING))
                .select().distinct();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(current), later);
    }

    public Progress progress(Job job) {
        DispatchPlan best = job.best;
        long elapsed = Duration.between(job.startedAt, job.finishedAt != null ? job.finishedAt : clock.instant())
                .toMillis();
        if (best == null) {
            return new Progress(job.key, job.status, null, elapsed, 0, job.problem.plan().getVisits().size(), 0, 0,
                    0, job.improvements, job.error);
        }
        var kpis = PlanProblem.kpis(best);
        return new Progress(job.key, job.status, String.valueOf(best.getScore()), elapsed, kpis.assigned(),
                kpis.visits() - kpis.assigned(), kpis.late(), round(kpis.travelHours()), round(kpis.overtimeHours()),
                job.improvements, job.error);
    }

    private void improved(Job job, DispatchPlan solution) {
        job.best = solution;
        job.improvements++;
        job.unsaved = true;
        job.events.onNext(progress(job));
    }

    /** The final state goes to the siblings at once (the heartbeat retries if the database does not answer now). */
    private void ended(Job job) {
        job.unsaved = true;
        try {
            save(job);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the end of solve %s yet: %s", job.key, e.toString());
        }
        job.events.onNext(progress(job));
        job.events.onComplete();
    }

    private void finished(Job job, DispatchPlan solution) {
        job.best = solution;
        job.finishedAt = clock.instant();
        job.status = job.stopRequested ? Status.STOPPED : Status.SOLVED;
        ended(job);
        LOG.infof("solved %s: %s in %d ms", job.key, solution.getScore(),
                Duration.between(job.startedAt, job.finishedAt).toMillis());
    }

    private void failed(Job job, Throwable t) {
        LOG.errorf(t, "solve of %s failed", job.key);
        job.error = String.valueOf(t.getMessage());
        job.finishedAt = clock.instant();
        job.status = Status.FAILED;
        ended(job);
    }

    private static double round(double hours) {
        return Math.round(hours * 100) / 100.0;
    }
}
