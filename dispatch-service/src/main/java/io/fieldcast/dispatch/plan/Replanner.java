package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.domain.DayChanged;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.kafka.Failures;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-plans the rest of today when the day changes under the plan: a cancellation, an absence, an emergency, a
 * visit running long. Everything started or due within the freeze horizon stays; the rest is re-solved for a couple
 * of seconds, and only technicians whose routes changed materially get a new {@code RoutePlanned}. Requests for the
 * same territory-day merge while they wait in {@link ReplanQueue}, which every instance of the service shares: each
 * re-plan runs once, on whichever instance claims it first.
 *
 * <p>What re-plans: what changes the work (a cancellation, an absence, an emergency, a job that cannot be completed)
 * at once; a told window predicted to break ({@link #onRisk}) at most once per {@code replanCooldown} of data time per
 * territory-day, so forecast noise does not reshuffle the day: a risk arriving sooner waits for the cooldown to end
 * and is merged with whatever else arrives meanwhile; such a re-plan changes only the routes the risk needs
 * ({@link RiskScope}); with {@code fieldcast.plan.rescue-at-risk} the route of a visit at risk may also move what is
 * not yet started ahead of it, kept only when that keeps its promise better. A visit forecast far past its booked
 * window ({@link #onLost}) has its route rescued that way always. A technician merely running late is not a reason by
 * itself: the forecast says whether it matters to a customer.
 */
@ApplicationScoped
public class Replanner {

    private static final Logger LOG = Logger.getLogger(Replanner.class);
    private static final int KEPT_RESULTS = 200;
    /**
     * Minutes of lateness past booked windows and shift ends (hard) for which a re-plan asked for by told windows at
     * risk may also change routes the risk does not need ({@link RiskScope}): as much as a route must move to be
     * re-sent.
     */
    static final int RISK_OTHER_ROUTES_MIN_HARD_GAIN = (int) PlanPublisher.ROUTE_REPUBLISH_MOVE.toMinutes();
    /**
     * Solves of one re-plan when the day changes under it (a booking, a window told or published to be told): then it
     * gives up, logged. First windows being told count since session 27, so a solve in a busy morning meets more of
     * them: four tries.
     */
    private static final int MAX_ATTEMPTS = 4;
    /** The actor of automatic re-plans. */
    static final String AUTOMATIC = "replanner";
    /** The kinds of risk to a visit's promise, each asking for one re-plan ({@link ReplanQueue#firstRisk}). */
    static final String RISK_TOLD_WINDOW = "TOLD_WINDOW";
    static final String RISK_LOST = "LOST";
    /** How often an idle instance looks for due re-plans (asked on another instance, or a risk's cooldown over). */
    private static final long POLL_MS = 200;
    /** Re-plan rows of days older than this are deleted. */
    private static final int KEPT_DAYS = 14;

    /** How one re-plan went: from the triggering event's time to the published routes. */
    public record Outcome(String key, Set<String> reasons, Instant requestedAt, long latencyMs, long solveMs,
                          long version, int routesPublished, String score, String error) {
    }

    /** A re-plan about to run: why, since when (data time), and how long it waited before it was claimed. */
    private static final class Pending {
        final Set<String> reasons;
        /** The work changed (a cancellation, an absence, an emergency, a failed job): the result is published. */
        final boolean workChanged;
        final Instant requestedAt;
        final long waitedMs;
        final long startedNanos = System.nanoTime();

        Pending(Set<String> reasons, boolean workChanged, Instant requestedAt, long waitedMs) {
            this.reasons = new LinkedHashSet<>(reasons);
            this.workChanged = workChanged;
            this.requestedAt = requestedAt;
            this.waitedMs = waitedMs;
        }
    }

    private final PlanService plans;
    private final PlanJobs jobs;
    private final PlanPublisher publisher;
    private final ReplanQueue queue;
    private final ClusterJobs clusterJobs;
    private final PlanSettings settings;
    private final Clock clock;
    /** Writes what asks for a re-plan, so the caller (maybe on an event loop) never waits for the database. */
    private final ExecutorService intake = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("replan-intake").factory());
    /** Runs the re-plans this instance claims, one at a time. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("replanner").factory());
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean automatic;
    /** This instance takes no re-plans from the queue (it is shutting down, or an operator drained it). */
    private volatile boolean claimsPaused;

    public Replanner(PlanService plans, PlanJobs jobs, PlanPublisher publisher, ReplanQueue queue,
                     ClusterJobs clusterJobs, PlanSettings settings, Clock clock) {
        this.plans = plans;
        this.jobs = jobs;
        this.publisher = publisher;
        this.queue = queue;
        this.clusterJobs = clusterJobs;
        this.settings = settings;
        this.clock = clock;
        this.automatic = settings.autoReplan();
    }

    void start(@Observes StartupEvent startup) {
        worker.scheduleWithFixedDelay(this::drain, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    @PreDestroy
    void close() {
        claimsPaused = true;
        intake.shutdownNow();
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
     * Stops or resumes taking re-plans from the shared queue on this instance; the other instances take them
     * meanwhile. The re-plan running now finishes.
     */
    public void pauseClaims(boolean paused) {
        this.claimsPaused = paused;
    }

    /**
     * Asks for a re-plan of the territory-day if it is today there and automatic re-planning is on. Never blocks:
     * safe to call from an event loop.
     */
    public void onChange(String territoryId, LocalDate date, String reason) {
        if (!automatic) {
            return;
        }
        intake.submit(() -> {
            try {
                if (today(territoryId, date)) {
                    Instant now = clock.instant();
                    queue.request(territoryId, date, reason, true, now, now);
                    wake();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not ask for a re-plan of %s on %s", territoryId, date);
            }
        });
    }

    /**
     * The same, written in the caller's transaction (a technician's tap): the request exists exactly when the change
     * that asked for it committed, and is seen only then. {@link #wake()} after the commit starts it at once.
     */
    public Uni<Void> onChangeInTransaction(String territoryId, LocalDate date, String reason) {
        return automatic ? queue.requestInTransaction(territoryId, date, reason, clock.instant())
                : Uni.createFrom().voidItem();
    }

    /** Booking changed the work of a territory-day: {@link #onChange}, on the firing thread, before it goes on. */
    void onDayChanged(@Observes DayChanged change) {
        onChange(change.territoryId(), change.date(), change.reason());
    }

    /**
     * A told window of the territory-day is predicted to break: re-plan to keep it, unless a re-plan ran less than
     * the cooldown ago (data time); then once the cooldown is over, with every risk that came in meanwhile.
     */
    public void onRisk(String territoryId, LocalDate date, UUID appointmentId, double probabilityKept) {
        onPromise(territoryId, date, appointmentId, RISK_TOLD_WINDOW, RiskScope.reason(appointmentId, probabilityKept));
    }

    /**
     * A visit of the territory-day is forecast {@code minutesPastBookedEnd} past the end of its booked window: on its
     * route as it stands it is reached hours late or not at all (a job ahead running hours long). Re-plan once for it,
     * with its route rescued ({@link RiskScope#lost}), within the cooldown like a told window at risk.
     */
    public void onLost(String territoryId, LocalDate date, UUID appointmentId, long minutesPastBookedEnd) {
        onPromise(territoryId, date, appointmentId, RISK_LOST,
                RiskScope.lostReason(appointmentId, minutesPastBookedEnd));
    }

    private void onPromise(String territoryId, LocalDate date, UUID appointmentId, String kind, String reason) {
        if (!automatic) {
            return;
        }
        intake.submit(() -> {
            try {
                // One re-plan per visit and kind of risk: all before a told visit is kept (unless its route is
                // rescued, and then a second one for the same forecast noise would only rearrange it again under the
                // technician).
                if (!today(territoryId, date) || !queue.firstRisk(territoryId, date, appointmentId, kind)) {
                    return;
                }
                Instant now = clock.instant();
                Instant cool = queue.lastRun(territoryId, date).map(last -> last.plus(settings.replanCooldown()))
                        .orElse(now);
                queue.request(territoryId, date, reason, false, now, cool.isAfter(now) ? cool : now);
                wake();
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not ask for a re-plan of %s on %s", territoryId, date);
            }
        });
    }

    private boolean today(String territoryId, LocalDate date) {
        return date.equals(LocalDate.now(clock.withZone(plans.zoneOf(territoryId))));
    }

    /** Looks for due re-plans now instead of at the next poll. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        }
    }

    /** Runs every re-plan that is due and that no other instance runs, one after the other. */
    private void drain() {
        if (claimsPaused) {
            return;
        }
        try {
            for (var claim = queue.claim(clock.instant(), lease()); claim.isPresent();
                 claim = claimsPaused ? Optional.<ReplanQueue.Claim>empty() : queue.claim(clock.instant(), lease())) {
                try {
                    run(claim.get());
                } finally {
                    queue.done(claim.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("re-plan queue not reachable now, trying again: %s", e.toString());
        }
    }

    /** Long enough for every attempt's solve and its publication; a claim held longer is taken as dead. */
    private Duration lease() {
        return settings.replanTime().multipliedBy(MAX_ATTEMPTS).plusSeconds(60);
    }

    private void purge() {
        try {
            if (clusterJobs.claimTick("dispatch.replan-retention", Duration.ofHours(1))) {
                int purged = queue.purge(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(KEPT_DAYS));
                LOG.debugf("purged %d re-plan rows of past days", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("re-plan retention failed; the next hour tries again: %s", e.toString());
        }
    }

    /** Re-plans now on the caller's thread (the explicit API call). */
    public Outcome replanNow(String territoryId, LocalDate date, String reason, String actor) {
        Pending p = new Pending(Set.of(reason), false, clock.instant(), 0);
        return execute(territoryId, date, PlanJobs.key(territoryId, date), p, actor);
    }

    private void run(ReplanQueue.Claim claim) {
        String key = PlanJobs.key(claim.territoryId(), claim.date());
        Pending p = new Pending(claim.reasons(), claim.workChanged(), claim.requestedAt(), claim.waitedMs());
        if (!today(claim.territoryId(), claim.date())) {
            LOG.debugf("no re-plan of %s (%s): not today any more", key, String.join("; ", p.reasons));
            return;
        }
        // Nothing sent yet (the day is still being booked and planned): the dispatcher's solve will take it in.
        long published = Reactive.await(() -> publisher.publishedVersion(claim.territoryId(), claim.date()));
        if (published == 0) {
            LOG.debugf("no re-plan of %s (%s): no plan published yet", key, String.join("; ", p.reasons));
            return;
        }
        execute(claim.territoryId(), claim.date(), key, p, AUTOMATIC);
    }

    private Outcome execute(String territoryId, LocalDate date, String key, Pending p, String actor) {
        queue.ran(territoryId, date, clock.instant());
        Outcome outcome = null;
        RuntimeException failure = null;
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
                failure = ApiException.conflict("the day kept changing while it was re-planned (" + MAX_ATTEMPTS
                        + " tries): ask again", null);
            } catch (ApiException e) {
                if (!AUTOMATIC.equals(actor) && e.status() < 500) {
                    throw e; // a dispatcher's re-plan that cannot run (unknown territory, …): the answer says why
                }
                outcome = failed(key, p, e);
                failure = e;
            } catch (RuntimeException e) {
                if (solvesAgain(e, attempt)) {
                    // A tap or a booking wrote one of the day's appointments between our read and our write (an
                    // optimistic lock), or the database blinked: the re-plan that was asked for is still owed.
                    LOG.infof("re-plan of %s solves again: %s", key, Failures.describe(e));
                    continue;
                }
                outcome = failed(key, p, e);
                failure = e;
            }
        }
        try {
            queue.record(outcome, territoryId, date);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the outcome of re-plan %s: %s", key, e.toString());
        }
        if (failure != null && !AUTOMATIC.equals(actor)) {
            // A dispatcher asked: the answer is the failure itself (409, a 503 for a dependency away, or a 500 with
            // its reference), not a 200 with the error inside; the outcome is recorded in the list of re-plans.
            throw failure;
        }
        return outcome;
    }

    /**
     * Whether a re-plan whose attempt {@code attempt} failed with {@code e} solves again: a failure that passes (a
     * tap or a booking wrote one of the day's appointments between the re-plan's read and its write, an optimistic
     * lock; the database away for a moment), while attempts are left. One such failure on a demo day dropped a
     * re-plan a told window at risk had asked for, and a risk is signalled once per visit.
     */
    static boolean solvesAgain(RuntimeException e, int attempt) {
        return attempt < MAX_ATTEMPTS && Failures.isTransient(e);
    }

    private static Outcome failed(String key, Pending p, RuntimeException e) {
        LOG.errorf(e, "re-plan of %s failed", key);
        return new Outcome(key, Set.copyOf(p.reasons), p.requestedAt, elapsedMs(p), 0, 0, 0, null,
                String.valueOf(e.getMessage()));
    }

    private Outcome attempt(String territoryId, LocalDate date, String key, Pending p, String actor) {
        boolean onlyForRisk = AUTOMATIC.equals(actor) && !p.workChanged;
        Set<String> atRisk = onlyForRisk ? RiskScope.atRisk(p.reasons) : Set.of();
        // A visit forecast far past its booked window cannot be kept on its route as it stands: rescued always.
        Set<String> rescue = settings.rescueAtRisk() ? atRisk : onlyForRisk ? RiskScope.lost(p.reasons) : Set.of();
        PlanProblem problem = plans.prepare(territoryId, date, clock.instant(), rescue);
        // The plan of record as things stand now, scored before the solver starts from it.
        HardMediumSoftScore current = jobs.solutions().update(problem.plan());
        Map<String, Long> promiseBefore = RiskScope.promiseCosts(problem.plan(), rescue);
        var routesOfRecord = atRisk.isEmpty() ? null : RiskScope.routes(problem.plan());
        long solveStart = System.nanoTime();
        DispatchPlan solved = jobs.solveNow(problem, settings.replanTime(), settings.replanUnimproved());
        long solveMs = (System.nanoTime() - solveStart) / 1_000_000;
        String reason = "re-plan: " + String.join("; ", p.reasons);
        if (!atRisk.isEmpty()) {
            var confined = RiskScope.confine(routesOfRecord, solved, atRisk, jobs.solutions()::update,
                    RISK_OTHER_ROUTES_MIN_HARD_GAIN, promiseBefore);
            if (confined.restored() > 0) {
                LOG.infof("re-plan of %s for told windows at risk: %d group(s) of routes the risk does not need "
                        + "kept as they were, %d changed", key, confined.restored(), confined.kept());
            }
        }
        if (onlyForRisk && !worthChanging(current, solved.getScore(), settings.replanMinGain())) {
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
        return p.waitedMs + Duration.ofNanos(System.nanoTime() - p.startedNanos).toMillis();
    }

    /** The most recent re-plans of every instance, newest first. */
    public List<Outcome> recent() {
        return queue.recent(null, KEPT_RESULTS);
    }

    /** The most recent re-plans of the territory, newest first. */
    public List<Outcome> recent(String territoryId) {
        return queue.recent(territoryId, KEPT_RESULTS);
    }
}
