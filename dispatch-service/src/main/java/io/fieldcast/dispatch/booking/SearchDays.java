package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.persistence.DaySnapshot;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The territory-days slot searches work on, each read once and shared: with the technicians' days derived from it
 * once, not per search. A change this instance made replaces the day with the day as the change left it ({@link #put},
 * no read), or drops it ({@link #forget}: every search after the change waits for the one new read); a day older than
 * {@code ttl} is refreshed, for changes made elsewhere (another instance, a published plan, a visit's status): then the
 * first search to notice reads it while the others go on with the day as it was a moment ago. Fifty customers searching at once after a booking cause one read, not fifty. An offer
 * a moment stale costs nothing: the booking checks again under the day's lock.
 */
final class SearchDays {

    /** A day as searches see it: the snapshot and its technicians' days (no one left out). */
    record Day(DaySnapshot snapshot, List<TechDay> techDays) {
    }

    private static final int MAX_DAYS = 2_000;

    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    /**
     * One read of a day, shared by the searches that wait for it or use it; a refresh keeps the day it replaces for
     * the searches that come while it runs.
     */
    private static final class Read {
        final CompletableFuture<Day> day = new CompletableFuture<>();
        final long startedAt;
        final Day previous;

        Read(long startedAt, Day previous) {
            this.startedAt = startedAt;
            this.previous = previous;
        }
    }

    SearchDays(Duration ttl, LongSupplier nanoTime) {
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    /** The day, read with {@code load} unless a read shared with other searches is recent enough. */
    Day get(String territoryId, LocalDate date, Supplier<DaySnapshot> load) {
        String key = key(territoryId, date);
        long now = nanoTime.getAsLong();
        Read known = reads.get(key);
        if (known == null) {
            Read mine = new Read(now, null);
            Read raced = reads.putIfAbsent(key, mine);
            return raced == null ? read(key, mine, load) : await(raced);
        }
        if (!known.day.isDone()) {
            return known.previous != null ? known.previous : await(known);
        }
        boolean expired = now - known.startedAt >= ttl.toNanos();
        if (expired && !known.day.isCompletedExceptionally()) {
            Read mine = new Read(now, known.day.join());
            if (reads.replace(key, known, mine)) {
                return read(key, mine, load);
            }
            return known.day.join(); // another search reads it anew; meanwhile the day as it was
        }
        return await(known);
    }

    /** This instance changed the day (booked, moved, canceled): every search from now on sees a new read. */
    void forget(String territoryId, LocalDate date) {
        reads.remove(key(territoryId, date));
    }

    /**
     * This instance changed the day and committed: searches go on from the day as it now is, with no new read. Call
     * while still holding the day's {@link DayGate}, so that two changes of the day are put in the order they were made.
     */
    void put(String territoryId, LocalDate date, DaySnapshot day) {
        Read done = new Read(nanoTime.getAsLong(), null);
        done.day.complete(new Day(day, TechDays.of(day, null)));
        reads.put(key(territoryId, date), done);
    }

    /** The day as read under its lock, after {@code changed} was booked, moved, canceled or changed in it. */
    static DaySnapshot after(DaySnapshot read, Appointment changed) {
        List<Appointment> open = new ArrayList<>();
        for (Appointment a : read.openAppointments()) {
            if (!a.id.equals(changed.id)) {
                open.add(a);
            }
        }
        if (read.date().equals(changed.serviceDate) && AppointmentStatus.OPEN.contains(changed.status)) {
            open.add(changed);
        }
        return new DaySnapshot(read.territory(), read.date(), read.technicians(), read.absences(), open,
                read.learned(), read.travelFactors());
    }

    private Day read(String key, Read mine, Supplier<DaySnapshot> load) {
        if (reads.size() > MAX_DAYS) {
            reads.clear();
            reads.put(key, mine);
        }
        try {
            DaySnapshot snapshot = load.get();
            Day day = new Day(snapshot, TechDays.of(snapshot, null));
            mine.day.complete(day);
            return day;
        } catch (RuntimeException e) {
            mine.day.completeExceptionally(e);
            reads.remove(key, mine); // the next search tries again
            throw e;
        }
    }

    private static Day await(Read read) {
        try {
            return read.day.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String key(String territoryId, LocalDate date) {
        return territoryId + "|" + date;
    }
}
