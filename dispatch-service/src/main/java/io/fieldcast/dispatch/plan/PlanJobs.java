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

/** Solving territory-days: one asynchronous job per territory-day, with live progress and the best plan so far. */
@ApplicationScoped
public class PlanJobs {

    private static final Logger LOG = Logger.getLogger(PlanJobs.class);

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
    private final Clock clock;

    public PlanJobs(Clock clock) {
        this.clock = clock;
        this.manager = SolverManager.create(SolverTuning.config(Duration.ofSeconds(30), null));
        this.solutions = SolutionManager.create(manager);
    }

    @PreDestroy
    void close() {
        manager.close();
    }

    public static String key(String territoryId, LocalDate date) {
        return territoryId + "/" + date;
    }

    public SolutionManager<DispatchPlan, HardMediumSoftScore> solutions() {
        return solutions;
    }

    /** Starts solving in the background; 409 when this territory-day is already being solved. */
    public Job start(PlanProblem problem, Duration limit) {
        String key = key(problem.input().territoryId(), problem.input().date());
        Job job = new Job(key, problem, clock.instant());
        Job previous = jobs.compute(key, (k, old) -> old != null && old.status == Status.SOLVING ? old : job);
        if (previous != job) {
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

    public Optional<Job> job(String key) {
        return Optional.ofNullable(jobs.get(key));
    }

    public boolean stop(String key) {
        Job job = jobs.get(key);
        if (job == null || job.status != Status.SOLVING) {
            return false;
        }
        job.stopRequested = true;
        manager.terminateEarly(key);
        return true;
    }

    public Multi<Progress> events(Job job) {
        // The current state first, so a client that connects late still sees something at once.
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(progress(job)),
                job.status == Status.SOLVING ? job.events : Multi.createFrom().empty());
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
        job.events.onNext(progress(job));
    }

    private void finished(Job job, DispatchPlan solution) {
        job.best = solution;
        job.finishedAt = clock.instant();
        job.status = job.stopRequested ? Status.STOPPED : Status.SOLVED;
        job.events.onNext(progress(job));
        job.events.onComplete();
        LOG.infof("solved %s: %s in %d ms", job.key, solution.getScore(),
                Duration.between(job.startedAt, job.finishedAt).toMillis());
    }

    private void failed(Job job, Throwable t) {
        LOG.errorf(t, "solve of %s failed", job.key);
        job.error = String.valueOf(t.getMessage());
        job.finishedAt = clock.instant();
        job.status = Status.FAILED;
        job.events.onNext(progress(job));
        job.events.onComplete();
    }

    private static double round(double hours) {
        return Math.round(hours * 100) / 100.0;
    }
}
