package io.fieldcast.platform.time;

import io.quarkus.arc.ClientProxy;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Work that runs every {@code period} of domain time, not of wall time: a forecast sweep or a reminder scan keeps its
 * pace when {@code ./fieldcast demo} plays the day at 60× or 2400× on the {@link SharedClock}. At speed {@code s} it
 * waits {@code period / s} of wall time, but never less than {@link #MIN_WALL} nor less than its last run took (so a
 * fast day cannot turn a sweep into a busy loop: it takes at most half of a core), and never more than
 * {@code period}. While the shared clock is paused it looks again every second. On the wall clock it is a plain
 * fixed-delay timer.
 *
 * <p>The domain time one tick stands for, {@link #tickPeriod()}, is handed to the work: jobs that run once per
 * cluster claim their slot with it, so two instances ticking at different moments of a fast day still agree on the
 * slots (it depends on the speed only, not on how long a run took).
 */
public final class DomainTimer implements AutoCloseable {

    /** The shortest wall time between two runs, whatever the speed. */
    public static final Duration MIN_WALL = Duration.ofMillis(200);
    static final Duration WHILE_PAUSED = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(DomainTimer.class);

    private final String name;
    private final Clock clock;
    private final Duration period;
    private final Consumer<Duration> work;
    private final ScheduledExecutorService executor;
    private volatile long lastRunMillis;

    private DomainTimer(String name, Clock clock, Duration period, Consumer<Duration> work) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + ": the period must be positive, was " + period);
        }
        this.name = name;
        this.clock = clock;
        this.period = period;
        this.work = work;
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

    /** The speed of domain time against the wall clock: 1 on the wall clock, 0 while a shared clock is paused. */
    public static double speedOf(Clock clock) {
        Clock c = clock instanceof ClientProxy ? ClientProxy.unwrap(clock) : clock;
        if (c instanceof SharedClock shared) {
            SharedClock.Anchor anchor = shared.anchor();
            return anchor == null ? 1 : anchor.speed();
        }
        return 1;
    }

    /** The domain time one tick stands for at the clock's present speed: at least the period. */
    public Duration tickPeriod() {
        return tickPeriod(period, speedOf(clock));
    }

    static Duration tickPeriod(Duration period, double speed) {
        long atLeast = Math.round(MIN_WALL.toMillis() * speed);
        return speed <= 1 ? period : Duration.ofMillis(Math.max(period.toMillis(), atLeast));
    }

    /** The wall time to wait before the next run. */
    static Duration wallDelay(Duration period, double speed, long lastRunMillis) {
        if (speed <= 0) {
            return period.compareTo(WHILE_PAUSED) < 0 ? period : WHILE_PAUSED;
        }
        if (speed <= 1) {
            return period;
        }
        long scaled = Math.round(period.toMillis() / speed);
        return Duration.ofMillis(Math.min(period.toMillis(), Math.max(Math.max(scaled, MIN_WALL.toMillis()),
                lastRunMillis)));
    }

    private void schedule() {
        try {
            executor.schedule(this::run, wallDelay(period, speedOf(clock), lastRunMillis).toMillis(),
                    TimeUnit.MILLISECONDS);
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
