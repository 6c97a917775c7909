package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.domain.DayChanged;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.platform.reactive.Reactive;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-plans the rest of today when the day changes under the plan: a cancellation, an absence, an emergency, a
 * visit running long. Everything started or due within the freeze horizon stays; the rest is re-solved for a couple
 * of seconds, and only technicians whose routes changed materially get a new {@code RoutePlanned}. Requests for the
 * same territory-day that arrive while one is waiting are merged into it.
 *
 * <p>What re-plans: what changes the work (a cancellation, an absence, an emergency, a job that cannot be completed)
 * at once; a told window predicted to break ({@link #onRisk}) at most once per {@code replanCooldown} of data time per
 * territory-day, so forecast noise does not reshuffle the day: a risk arriving sooner waits for the cooldown to end
 * and is merged with whatever else arrives meanwhile. A technician merely running late is not a reason by itself:
 * the forecast says whether it matters to a customer.
 */
@ApplicationScoped
public class Replanner {

    private static final Logger LOG = Logger.getLogger(Replanner.class);
    private static final int KEPT_RESULTS = 200;
    /** Solves of one re-plan when the day changes under it (a booking, a window told): then it gives up, logged. */
    private static final int MAX_ATTEMPTS = 3;
    /** The actor of automatic re-plans. */
    static final String AUTOMATIC = "replanner";

    /** How one re-plan went: from the triggering event's time to the published routes. */
    public record Outcome(String key, Set<String> reasons, Instant requestedAt, long latencyMs, long solveMs,
                          long version, int routesPublished, String score, String error) {
    }

    private final PlanService plans;
    private final PlanJobs jobs;
    private final PlanPublisher publisher;
    private final PlanSettings settings;
    private final Clock clock;
    /** How often a deferred risk checks whether its cooldown is over (wall time; the cooldown is data time). */
    private static final long DEFERRED_POLL_MS = 250;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replanner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Risks waiting for their territory-day's cooldown, merged per key. */
    private final Map<String, Set<String>> deferred = new ConcurrentHashMap<>();
    /** Told visits whose risk already asked for a re-plan, per territory-day. */
    private final Map<String, Set<UUID>> riskHandled = new ConcurrentHashMap<>();
    /** Data time of the last re-plan run per territory-day. */
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    private volatile boolean automatic;

    private static final class Pending {
        final Set<String> reasons = new LinkedHashSet<>();
        /** The work changed (a cancellation, an absence, an emergency, a failed job): the result is published. */
        volatile boolean workChanged;
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
                    request(territoryId, date, reason, true);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not consider a re-plan of %s on %s", territoryId, date);
            }
        });
    }

    /** Booking changed the work of a territory-day: {@link #onChange}, on the firing thread, before it goes on. */
    void onDayChanged(@Observes DayChanged change) {
        onChange(change.territoryId(), change.date(), change.reason());
    }

    /**
     * A told window of the territory-day is predicted to break: re-plan to keep it, unless a re-plan ran less than
     * the cooldown ago (data time); then once the cooldown is over, with every risk that came in meanwhile.
     */
    public void onRisk(String territoryId, LocalDate date, UUID appointmentId, String reason) {
        if (!automatic || !riskHandled.computeIfAbsent(PlanJobs.key(territoryId, date),
                k -> ConcurrentHashMap.newKeySet()).add(appointmentId)) {
            return; // one re-plan per told visit at risk: all before it is kept, so another would not help it
        }
        worker.submit(() -> {
            try {
                if (!date.equals(LocalDate.now(clock.withZone(plans.zoneOf(territoryId))))) {
                    return;
                }
                String key = PlanJobs.key(territoryId, date);
                if (coolingDown(key)) {
                    boolean first = deferred.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).isEmpty();
                    deferred.get(key).add(reason);
                    if (first) {
                        worker.schedule(() -> releaseWhenCool(territoryId, date, key), DEFERRED_POLL_MS,
                                TimeUnit.MILLISECONDS);
                    }
                } else {
                    request(territoryId, date, reason, false);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not consider a re-plan of %s on %s", territoryId, date);
            }
        });
    }

    private boolean coolingDown(String key) {
        Instant last = lastRun.get(key);
        return last != null && clock.instant().isBefore(last.plus(settings.replanCooldown()));
    }

    private void releaseWhenCool(String territoryId, LocalDate date, String key) {
        if (coolingDown(key)) {
            worker.schedule(() -> releaseWhenCool(territoryId, date, key), DEFERRED_POLL_MS, TimeUnit.MILLISECONDS);
            return;
        }
        Set<String> reasons = deferred.remove(key);
        if (reasons != null && !reasons.isEmpty() && automatic) {
            request(territoryId, date, String.join("; ", reasons), false);
        }
    }

    /**
     * Queues a re-plan (merged with one already waiting for the same territory-day). {@code workChanged}: the day's
     * work changed, so the result is published whatever it gains; else (a risk) only for a material gain.
     */
    public void request(String territoryId, LocalDate date, String reason, boolean workChanged) {
        String key = PlanJobs.key(territoryId, date);
        boolean[] created = {false};
        pending.compute(key, (k, p) -> {
            Pending next = p != null ? p : new Pending(clock.instant());
            created[0] = p == null;
            next.reasons.add(reason);
            next.workChanged |= workChanged;
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
        Set<String> waiting = deferred.remove(key);
        if (waiting != null) {
            p.reasons.addAll(waiting); // risks waiting for the cooldown ride along with this re-plan
        }
        // Nothing sent yet (the day is still being booked and planned): the dispatcher's solve will take it in.
        long published = Reactive.await(() -> publisher.publishedVersion(territoryId, date));
        if (published == 0) {
            LOG.debugf("no re-plan of %s (%s): no plan published yet", key, String.join("; ", p.reasons));
            return;
        }
        execute(territoryId, date, key, p, AUTOMATIC);
    }

    private Outcome execute(String territoryId, LocalDate date, String key, Pending p, String actor) {
        lastRun.put(key, clock.instant());
        Outcome outcome = null;
        for (int attempt = 1; outcome == null; attempt++) {
            try {
                outcome = attempt(territoryId, date, key, p, actor);
            } catch (PlanPublisher.OutdatedException e) {
                if (attempt < MAX_ATTEMPTS) {
                    // Someone booked, or a customer was told a window, while we solved: again with it in.
                    LOG.infof("re-plan of %s solves again: %s", key, e.getMessage());
                    continue;
                }
                outcome = failed(key, p, e);
            } catch (RuntimeException e) {
                outcome = failed(key, p, e);
            }
        }
        remember(outcome);
        return outcome;
    }

    private static Outcome failed(String key, Pending p, RuntimeException e) {
        LOG.errorf(e, "re-plan of %s failed", key);
        return new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), 0, 0, 0, null,
                String.valueOf(e.getMessage()));
    }

    private Outcome attempt(String territoryId, LocalDate date, String key, Pending p, String actor) {
        PlanProblem problem = plans.prepare(territoryId, date, clock.instant());
        // The plan of record as things stand now, scored before the solver starts from it.
        HardMediumSoftScore current = jobs.solutions().update(problem.plan());
        long solveStart = System.nanoTime();
        DispatchPlan solved = jobs.solveNow(problem, settings.replanTime(), settings.replanUnimproved());
        long solveMs = (System.nanoTime() - solveStart) / 1_000_000;
        String reason = "re-plan: " + String.join("; ", p.reasons);
        if (AUTOMATIC.equals(actor) && !p.workChanged
                && !worthChanging(current, solved.getScore(), settings.replanMinGain())) {
            // Every route re-sent moves the day under technicians and customers: not for a few minutes of driving.
            LOG.infof("kept the plan of %s (%s): %s re-planned is %s, gain below %d soft", key, reason, current,
                    solved.getScore(), settings.replanMinGain());
            return new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), solveMs, 0, 0,
                    String.valueOf(current), null);
        }
        var result = Reactive.await(() -> publisher.publish(problem, solved, actor, reason, true));
        Outcome outcome = new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), solveMs,
                result.version(), result.routesPublished(), String.valueOf(solved.getScore()), null);
        LOG.infof("re-planned %s (%s): %d route(s) changed, %s, %d ms", key, reason, result.routesPublished(),
                solved.getScore(), outcome.latencyMs());
        return outcome;
    }

    /** Better on hard or medium, or on soft by at least {@code minGain}. */
    static boolean worthChanging(HardMediumSoftScore current, HardMediumSoftScore solved, long minGain) {
        if (current == null || solved == null) {
            return true;
        }
        if (solved.hardScore() != current.hardScore() || solved.mediumScore() != current.mediumScore()) {
            return solved.compareTo(current) > 0;
        }
        return solved.softScore() - current.softScore() >= minGain;
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
    public synchronized List<Outcome> recent() {
        return List.copyOf(outcomes);
    }
}
