package io.fieldcast.dispatch.booking;

import io.fieldcast.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This instance's queue for a territory-day's changes, in front of the day's PostgreSQL advisory lock: bookings and
 * changes of the same day wait here, in the order they came, without holding a database connection; only the one at
 * the front opens its transaction and takes the lock (which still keeps other instances out). Without it, a burst of
 * bookings for one day held every connection of the pool while they waited for the lock, and slot searches, which need
 * a connection for a moment, waited behind them. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class DayGate {

    /** Longer than any booking takes; a request still waiting after it is told to try again. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

    /** Runs {@code work} once this instance's earlier changes of the day are done. */
    public <T> T through(String territoryId, LocalDate date, Supplier<T> work) {
        Semaphore gate = gates.computeIfAbsent(territoryId + "|" + date, k -> new Semaphore(1, true));
        acquire(gate, territoryId, date);
        try {
            return work.get();
        } finally {
            gate.release();
        }
    }

    /** The same for a change that touches two days (a reschedule), taken in date order so that two cannot deadlock. */
    public <T> T through(String territoryId, LocalDate a, LocalDate b, Supplier<T> work) {
        if (a.equals(b)) {
            return through(territoryId, a, work);
        }
        LocalDate first = a.isBefore(b) ? a : b;
        LocalDate second = a.isBefore(b) ? b : a;
        return through(territoryId, first, () -> through(territoryId, second, work));
    }

    private static void acquire(Semaphore gate, String territoryId, LocalDate date) {
        try {
            if (!gate.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException(503, "busy", "too many changes of " + territoryId + " on " + date
                        + " at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", "interrupted while waiting for " + territoryId + " on " + date);
        }
    }
}
