package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.solver.DispatchPlan;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-plans the rest of today when the day changes under the plan: a cancellation, an absence, an emergency, a
 * visit running long. Everything started or due within the freeze horizon stays; the rest is re-solved for a couple
 * of seconds, and only technicians whose routes changed get a new {@code RoutePlanned}. Requests for the same
 * territory-day that arrive while one is waiting are merged into it.
 */
@ApplicationScoped
public class Replanner {

    private static final Logger LOG = Logger.getLogger(Replanner.class);
    private static final int KEPT_RESULTS = 200;

    /** How one re-plan went: from the triggering event's time to the published routes. */
    public record Outcome(String key, Set<String> reasons, Instant requestedAt, long latencyMs, long solveMs,
                          long version, int routesPublished, String score, String error) {
    }

    private final PlanService plans;
    private final PlanJobs jobs;
    private final PlanPublisher publisher;
    private final PlanSettings settings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replanner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    private volatile boolean automatic;

    private static final class Pending {
        final Set<String> reasons = new LinkedHashSet<>();
        final Instant requestedAt;
        final long requestedNanos = System.nanoTime();

        Pending(Instant requestedAt) {
            this.requestedAt = requestedAt;
        }
    }

    public Replanner(PlanService plans, PlanJobs jobs, PlanPublisher publisher, PlanSettings settings, Clock clock) {
        this.plans = plans;
        this.jobs = jobs;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.automatic = settings.autoReplan();
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }

    /** Turns automatic re-planning on or off at run time (e.g. while a dispatcher works the day by hand). */
    public void setAutomatic(boolean on) {
        this.automatic = on;
    }

    public boolean automatic() {
        return automatic;
    }

    /**
     * Asks for a re-plan of the territory-day if it is today there and automatic re-planning is on. Never blocks:
     * safe to call from an event loop.
     */
    public void onChange(String territoryId, LocalDate date, String reason) {
        if (!automatic) {
            return;
        }
        worker.submit(() -> {
            try {
                if (date.equals(LocalDate.now(clock.withZone(plans.zoneOf(territoryId))))) {
                    request(territoryId, date, reason);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not consider a re-plan of %s on %s", territoryId, date);
            }
        });
    }

    /** Queues a re-plan (merged with one already waiting for the same territory-day). */
    public void request(String territoryId, LocalDate date, String reason) {
        String key = PlanJobs.key(territoryId, date);
        boolean[] created = {false};
        pending.compute(key, (k, p) -> {
            Pending next = p != null ? p : new Pending(clock.instant());
            created[0] = p == null;
            next.reasons.add(reason);
            return next;
        });
        if (created[0]) {
            worker.submit(() -> run(territoryId, date, key));
        }
    }

    /** Re-plans now on the caller's thread (the explicit API call). */
    public Outcome replanNow(String territoryId, LocalDate date, String reason, String actor) {
        Pending p = new Pending(clock.instant());
        p.reasons.add(reason);
        return execute(territoryId, date, PlanJobs.key(territoryId, date), p, actor);
    }

    private void run(String territoryId, LocalDate date, String key) {
        Pending p = pending.remove(key);
        if (p == null) {
            return;
        }
        // Nothing sent yet (the day is still being booked and planned): the dispatcher's solve will take it in.
        long published = io.fieldcast.dispatch.booking.Blocking.await(() ->
                publisher.publishedVersion(territoryId, date));
        if (published == 0) {
            LOG.debugf("no re-plan of %s (%s): no plan published yet", key, String.join("; ", p.reasons));
            return;
        }
        execute(territoryId, date, key, p, "replanner");
    }

    private Outcome execute(String territoryId, LocalDate date, String key, Pending p, String actor) {
        Outcome outcome;
        try {
            outcome = attempt(territoryId, date, key, p, actor);
        } catch (PlanPublisher.OutdatedException e) {
            // Someone booked while we solved: once more with the new appointment in.
            outcome = attempt(territoryId, date, key, p, actor);
        } catch (RuntimeException e) {
            LOG.errorf(e, "re-plan of %s failed", key);
            outcome = new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), 0, 0, 0, null,
                    String.valueOf(e.getMessage()));
        }
        remember(outcome);
        return outcome;
    }

    private Outcome attempt(String territoryId, LocalDate date, String key, Pending p, String actor) {
        PlanProblem problem = plans.prepare(territoryId, date, clock.instant());
        long solveStart = System.nanoTime();
        DispatchPlan solved = jobs.solveNow(problem, settings.replanTime(), settings.replanUnimproved());
        long solveMs = (System.nanoTime() - solveStart) / 1_000_000;
        String reason = "re-plan: " + String.join("; ", p.reasons);
        var result = io.fieldcast.dispatch.booking.Blocking.await(() ->
                publisher.publish(problem, solved, actor, reason, true));
        Outcome outcome = new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), solveMs,
                result.version(), result.routesPublished(), String.valueOf(solved.getScore()), null);
        LOG.infof("re-planned %s (%s): %d route(s) changed, %s, %d ms", key, reason, result.routesPublished(),
                solved.getScore(), outcome.latencyMs());
        return outcome;
    }

    private static long elapsedMs(Pending p) {
        return Duration.ofNanos(System.nanoTime() - p.requestedNanos).toMillis();
    }

    private synchronized void remember(Outcome outcome) {
        outcomes.addFirst(outcome);
        while (outcomes.size() > KEPT_RESULTS) {
            outcomes.removeLast();
        }
    }

    /** The most recent re-plans, newest first. */
    public synchronized java.util.List<Outcome> recent() {
        return java.util.List.copyOf(outcomes);
    }
}
