package io.fieldcast.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Retention measured in data time: rows {@code retain} behind the data flowing in are history, and pruning them is
 * due at most once per {@code every} of that data time. Measured on the data, not the wall clock, so a replay of old
 * days never prunes what it replays and a day simulated at 60x prunes as often as a real one. Thread-safe: of two
 * callers at the same moment, one prunes.
 */
public final class DataTimeRetention {

    private final Duration retain;
    private final Duration every;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.MIN);

    public DataTimeRetention(Duration retain, Duration every) {
        this.retain = retain;
        this.every = every;
    }

    /** The cutoff to delete before when a prune is due at data time {@code at} (and claims it), else empty. */
    public Optional<Instant> due(Instant at) {
        Instant last = lastPrune.get();
        if (at == null || at.isBefore(last.plus(every)) || !lastPrune.compareAndSet(last, at)) {
            return Optional.empty();
        }
        return Optional.of(at.minus(retain));
    }
}
