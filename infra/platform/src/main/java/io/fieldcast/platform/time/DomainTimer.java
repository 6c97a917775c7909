package io.fieldcast.platform.time;

import io.quarkus.arc.ClientProxy;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Work that runs every {@code period} of domain time, not of wall time: a forecast sweep or a reminder scan keeps its
 * pace when {@code ./fieldcast demo} plays the day at 60× or 2400× on the {@link SharedClock}. A run comes when its
 * period of domain time has passed since the last one ended, but never less than {@link #MIN_WALL} of wall time after
 * it, nor, on a fast clock, less than the last run took (so a fast day cannot turn a sweep into a busy loop: it takes
 * at most half of a core). On the wall clock it is a plain fixed-delay timer. The clock may be paused, re-anchored or
 * change speed while a run is waited for (the demo books at 1× and then plays the day at 600×): the wait is looked at
 * again at least every {@link #RECHECK}, so the next run comes when its period has passed at whatever speed it
 * passed, not a wall minute later (ten hours of a day at 600×).
 *
 * <p>The domain time one tick stands for, {@link #tickPeriod()}, is handed to the work: jobs that run once per
 * cluster claim their slot with it, so two instances ticking at different moments of a fast day still agree on the
 * slots (it depends on the speed only, not on how long a run took).
 */
public final class DomainTimer implements AutoCloseable {

    /** The shortest wall time between two runs, whatever the speed. */
    public static final Duration MIN_WALL = Duration.ofMillis(200);
    /** The longest wall time a wait goes without looking at the clock's speed again. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(DomainTimer.class);

    private final String name;
    private final Clock clock;
    private final Duration period;
    private final Consumer<Duration> work;
    private final ScheduledExecutorService executor;
    /** Whether the clock's speed can change (a shared clock): only then is a wait looked at again while it lasts. */
    private final boolean followsSpeed;
    private volatile long lastRunMillis;
    /** When the next run is due: domain time, and the earliest wall time (nanoTime). */
    private volatile Instant dueDomain;
    private volatile long dueWallNanos;

    private DomainTimer(String name, Clock clock, Duration period, Consumer<Duration> work) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + ": the period must be positive, was " + period);
        }
        this.name = name;
        this.clock = clock;
        this.period = period;
        this.work = work;
        this.followsSpeed = unwrap(clock) instanceof SharedClock;
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
    }

    /**
     * Starts {@code work} on a thread of its own, first after one period; it receives the domain time its tick stands
     * for. A run that throws is logged and the next one runs as planned.
     */
    public static DomainTimer every(String name, Clock clock, Duration period, Consumer<Duration> work) {
        DomainTimer timer = new DomainTimer(name, clock, period, work);
        timer.schedule();
        return timer;
    }

    /**
     * Work with an operational cadence (publishing counts, purging): every {@code period} of real time, whatever
     * speed a simulated day runs at. The one place such a timer reads the wall clock.
     */
    public static DomainTimer wall(String name, Duration period, Consumer<Duration> work) {
        return every(name, Clock.systemUTC(), period, work);
    }

    /** The speed of domain time against the wall clock: 1 on the wall clock, 0 while a shared clock is paused. */
    public static double speedOf(Clock clock) {
        if (unwrap(clock) instanceof SharedClock shared) {
            SharedClock.Anchor anchor = shared.anchor();
            return anchor == null ? 1 : anchor.speed();
        }
        return 1;
    }

    /** The clock behind a CDI client proxy (the injected {@code Clock} bean is one). */
    private static Clock unwrap(Clock clock) {
        return clock instanceof ClientProxy ? ClientProxy.unwrap(clock) : clock;
    }

    /** The domain time one tick stands for at the clock's present speed: at least the period. */
    public Duration tickPeriod() {
        return tickPeriod(period, speedOf(clock));
    }

    static Duration tickPeriod(Duration period, double speed) {
        long atLeast = Math.round(MIN_WALL.toMillis() * speed);
        return speed <= 1 ? period : Duration.ofMillis(Math.max(period.toMillis(), atLeast));
    }

    private void schedule() {
        double speed = speedOf(clock);
        dueDomain = clock.instant().plus(tickPeriod(period, speed));
        dueWallNanos = System.nanoTime() + Math.max(MIN_WALL.toMillis(), speed > 1 ? lastRunMillis : 0) * 1_000_000;
        check();
    }

    /** Runs the work when its period has passed in domain time, else looks again when it should have. */
    private void check() {
        double speed = speedOf(clock);
        long wallLeftMillis = Math.max(0, (dueWallNanos - System.nanoTime()) / 1_000_000);
        long domainLeftMillis = Duration.between(clock.instant(), dueDomain).toMillis();
        if (domainLeftMillis <= 0 && wallLeftMillis == 0) {
            submit(this::run, 0);
            return;
        }
        long wait = speed <= 0 ? RECHECK.toMillis()
                : Math.max(wallLeftMillis, (long) Math.ceil(Math.max(0, domainLeftMillis) / speed));
        submit(this::check, Math.max(1, followsSpeed ? Math.min(wait, RECHECK.toMillis()) : wait));
    }

    private void submit(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed while running: nothing more to do
        }
    }

    private void run() {
        long started = System.nanoTime();
        try {
            work.accept(tickPeriod());
        } catch (Throwable e) {
            LOG.warnf(e, "%s failed; the next run tries again", name);
        } finally {
            lastRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            schedule();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
