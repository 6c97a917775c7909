package io.fieldcast.simulator.run;

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
    static final Duration TICK = Duration.ofMillis(250);

    /** One phone's queue. */
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
        while (true) {
            Instant simNow = shared != null ? shared.instant() : ownClock(wallStart);
            onTick.accept(simNow);
            List<Future<?>> work = new ArrayList<>();
            boolean pending = false;
            for (Lane lane : lanes) {
                if (lane.next < lane.outputs.size()) {
                    pending = true;
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
            drainedAt = pending ? null : drainedAt == null ? simNow : drainedAt;
            if (simNow.isAfter(until) || drainedAt != null && !simNow.isBefore(drainedAt.plus(settle))) {
                return;
            }
            Thread.sleep(TICK.toMillis());
        }
    }

    private Instant ownClock(long wallStart) {
        double elapsedSec = (System.nanoTime() - wallStart) / 1e9 * speed;
        Instant now = start.plusMillis((long) (elapsedSec * 1000));
        Instant cap = Instant.now().plus(MAX_AHEAD);
        return now.isAfter(cap) ? cap : now;
    }
}
