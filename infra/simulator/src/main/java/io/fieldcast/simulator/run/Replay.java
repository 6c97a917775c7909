package io.fieldcast.simulator.run;

import io.fieldcast.platform.time.SharedClock;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.PhoneOutput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Sends phones' outputs when the simulated clock reaches their send time. Either its own clock: it starts at
 * {@code start} and runs {@code speed} times faster than the wall clock, but never more than {@link #MAX_AHEAD} ahead
 * of it, because tech-mobile-api refuses device times over 10 minutes in its future (a day that lies in the future
 * therefore catches up with the real clock at speed, then runs in real time). Or the clock the services share
 * ({@link #following}), which needs no cap: the services' "now" is that clock too.
 */
final class Replay {

    static final Duration MAX_AHEAD = Duration.ofMinutes(9);
    /** The longest pause between rounds, and how often the re-planner and the door are checked. */
    static final Duration TICK = Duration.ofMillis(250);
    /** The shortest pause between rounds, so that a day far ahead of its outputs does not spin. */
    static final Duration MIN_PAUSE = Duration.ofMillis(10);

    /** One phone's queue. */
    /** The least real time to settle for when a settling time is asked for (see {@link #run}). */
    static final Duration SETTLE_WALL = Duration.ofSeconds(10);

    static final class Lane {
        final Sender sender;
        List<PhoneOutput> outputs;
        int next;

        Lane(MobileClient phone, Stats stats, boolean taps, List<PhoneOutput> outputs) {
            this.sender = new Sender(phone, stats, taps);
            this.outputs = outputs;
        }
    }

    private final Instant start;
    private final double speed;
    private final Clock shared;
    private final ExecutorService pool;

    Replay(Instant start, double speed, ExecutorService pool) {
        this(start, speed, null, pool);
    }

    private Replay(Instant start, double speed, Clock shared, ExecutorService pool) {
        this.start = start;
        this.speed = speed;
        this.shared = shared;
        this.pool = pool;
    }

    /** A replay on the clock the services share (already set to the day's start and speed). */
    static Replay following(Clock shared, ExecutorService pool) {
        return new Replay(shared.instant(), 0, shared, pool);
    }

    private Duration settleWall = SETTLE_WALL;

    /** The least real time to settle for (tests of the simulated settling time turn it off). */
    Replay settleWall(Duration wall) {
        this.settleWall = wall;
        return this;
    }

    /** Runs until every lane is sent or the simulated clock passes {@code until}; reports every simulated 30 min. */
    void run(List<Lane> lanes, Instant until, Runnable report) throws Exception {
        run(lanes, until, now -> report.run(), now -> { }, Duration.ZERO);
    }

    /**
     * As above, calling {@code onTick} with the simulated time before each round of sending (re-plans), and going on
     * for {@code settle} of simulated time once every lane is sent: a re-plan after the last tap (a visit handed to a
     * technician already home) gives a lane new outputs, and the replay carries on with them.
     */
    void run(List<Lane> lanes, Instant until, Consumer<Instant> report, Consumer<Instant> onTick, Duration settle)
            throws Exception {
        long wallStart = System.nanoTime();
        Instant lastReport = start;
        Instant drainedAt = null;
        long drainedWall = 0;
        long lastTick = System.nanoTime() - TICK.toNanos();
        while (true) {
            Instant simNow = shared != null ? shared.instant() : ownClock(wallStart);
            if (System.nanoTime() - lastTick >= TICK.toNanos()) {
                lastTick = System.nanoTime();
                onTick.accept(simNow);
            }
            List<Future<?>> work = new ArrayList<>();
            boolean pending = false;
            for (Lane lane : lanes) {
                if (lane.next < lane.outputs.size()) {
                    pending = true;
                }
                if (lane.next < lane.outputs.size() && !lane.outputs.get(lane.next).sendAt().isAfter(simNow)) {
                    work.add(pool.submit(() -> {
                        while (lane.next < lane.outputs.size()
                                && !lane.outputs.get(lane.next).sendAt().isAfter(simNow)) {
                            lane.sender.send(lane.outputs.get(lane.next++));
                        }
                        lane.sender.flush();
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
            if (Duration.between(lastReport, simNow).toMinutes() >= 30) {
                lastReport = simNow;
                report.accept(simNow);
            }
            if (pending) {
                drainedAt = null;
            } else if (drainedAt == null) {
                drainedAt = simNow;
                drainedWall = System.nanoTime();
            }
            // Settled once both the simulated and the real settling time have passed: at 2400x half an hour of the
            // day is under a second, less than a re-plan and its new routes take to come back to the phones.
            boolean settled = drainedAt != null && !simNow.isBefore(drainedAt.plus(settle))
                    && (settle.isZero() || System.nanoTime() - drainedWall >= settleWall.toNanos());
            if (simNow.isAfter(until) || settled) {
                return;
            }
            Thread.sleep(pause(lanes, simNow).toMillis());
        }
    }

    /**
     * How long to sleep before the next round: until the next output is due, at least {@link #MIN_PAUSE} and at most
     * {@link #TICK}. A phone sends a tap the moment it is made; a fixed tick would hold it back by up to a tick of
     * real time, which at 600x is two and a half minutes of the day the platform then sees late.
     */
    Duration pause(List<Lane> lanes, Instant simNow) {
        Instant next = null;
        for (Lane lane : lanes) {
            if (lane.next < lane.outputs.size()) {
                Instant due = lane.outputs.get(lane.next).sendAt();
                next = next == null || due.isBefore(next) ? due : next;
            }
        }
        if (next == null) {
            return TICK;
        }
        long wallMillis;
        if (shared instanceof SharedClock clock) {
            SharedClock.Anchor anchor = clock.anchor();
            wallMillis = anchor.speed() > 0 ? Duration.between(Instant.now(), anchor.wallAt(next)).toMillis()
                    : TICK.toMillis();
        } else if (shared == null && speed > 0) {
            wallMillis = Math.round(Duration.between(simNow, next).toMillis() / speed);
        } else {
            wallMillis = TICK.toMillis();
        }
        return Duration.ofMillis(Math.clamp(wallMillis, MIN_PAUSE.toMillis(), TICK.toMillis()));
    }

    private Instant ownClock(long wallStart) {
        double elapsedSec = (System.nanoTime() - wallStart) / 1e9 * speed;
        Instant now = start.plusMillis((long) (elapsedSec * 1000));
        Instant cap = Instant.now().plus(MAX_AHEAD);
        return now.isAfter(cap) ? cap : now;
    }
}
