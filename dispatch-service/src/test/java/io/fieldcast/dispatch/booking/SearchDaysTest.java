package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When slot searches read a day again, on a clock of nanoseconds the test moves by hand. */
class SearchDaysTest {

    private static final String TERRITORY = "north";
    private static final LocalDate DAY = LocalDate.parse("2026-03-03");
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final long HALF_TTL = TTL.toNanos() / 2;

    private final AtomicLong now = new AtomicLong(1_000);
    private final SearchDays days = new SearchDays(TTL, now::get);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void searchesWithinTheTtlShareOneRead() {
        DaySnapshot first = days.get(TERRITORY, DAY, this::read).snapshot();
        now.addAndGet(HALF_TTL);

        assertSame(first, days.get(TERRITORY, DAY, this::read).snapshot());
        assertEquals(1, reads.get());
    }

    @Test
    void aDayThisInstanceChangedIsReadAgainAtOnce() {
        DaySnapshot before = days.get(TERRITORY, DAY, this::read).snapshot();

        days.forget(TERRITORY, DAY);

        // Well within the TTL: only the change makes the next search read it again.
        DaySnapshot after = days.get(TERRITORY, DAY, this::read).snapshot();
        assertEquals(2, reads.get());
        assertTrue(before != after, "the search after the change sees a new read");
    }

    @Test
    void forgettingOneDayKeepsTheOthers() {
        days.get(TERRITORY, DAY, this::read);
        days.get(TERRITORY, DAY.plusDays(1), this::read);

        days.forget(TERRITORY, DAY.plusDays(1));
        days.get(TERRITORY, DAY, this::read);

        assertEquals(2, reads.get(), "the unchanged day is not read again");
    }

    @Test
    void anExpiredDayIsReadAgainByOneSearchWhileTheOthersUseTheOldOne() throws Exception {
        DaySnapshot old = days.get(TERRITORY, DAY, this::read).snapshot();
        now.addAndGet(TTL.toNanos());
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DaySnapshot> refresher = pool.submit(() -> days.get(TERRITORY, DAY, () -> {
                reading.countDown();
                await(release);
                return read();
            }).snapshot());
            assertTrue(reading.await(5, TimeUnit.SECONDS));

            // While the refresh runs, another search goes on with the day as it was a moment ago.
            assertSame(old, days.get(TERRITORY, DAY, this::read).snapshot());
            release.countDown();
            DaySnapshot fresh = refresher.get(5, TimeUnit.SECONDS);

            assertSame(fresh, days.get(TERRITORY, DAY, this::read).snapshot());
            assertEquals(2, reads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftySearchesAfterAChangeWaitForOneRead() throws Exception {
        days.get(TERRITORY, DAY, this::read);
        days.forget(TERRITORY, DAY);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<DaySnapshot> slowRead = () -> {
            await(release);
            return read();
        };
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<DaySnapshot>> searches = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                searches.add(pool.submit(() -> days.get(TERRITORY, DAY, slowRead).snapshot()));
            }
            Thread.sleep(200); // let them all arrive while the one read is held
            release.countDown();
            DaySnapshot shared = searches.getFirst().get(5, TimeUnit.SECONDS);
            for (Future<DaySnapshot> search : searches) {
                assertSame(shared, search.get(5, TimeUnit.SECONDS));
            }
            assertEquals(2, reads.get(), "the first read and one after the change");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReadIsTriedAgainByTheNextSearch() {
        assertThrows(IllegalStateException.class, () -> days.get(TERRITORY, DAY, () -> {
            throw new IllegalStateException("database gone");
        }));

        days.get(TERRITORY, DAY, this::read);
        assertEquals(1, reads.get());
    }

    @Test
    void aChangeThisInstanceMadeIsSeenAtOnceWithoutARead() {
        DaySnapshot before = days.get(TERRITORY, DAY, this::read).snapshot();

        days.put(TERRITORY, DAY, SearchDays.after(before, appointment(AppointmentStatus.BOOKED, DAY)));

        // Well within the TTL, and no new read: the search sees the day with the booking in it.
        assertEquals(1, days.get(TERRITORY, DAY, this::read).snapshot().openAppointments().size());
        assertEquals(1, reads.get());
    }

    @Test
    void theDayAfterAChangeHoldsTheBookedAndNotTheCanceledOrMovedAway() {
        Appointment kept = appointment(AppointmentStatus.SCHEDULED, DAY);
        Appointment canceled = appointment(AppointmentStatus.SCHEDULED, DAY);
        Appointment moved = appointment(AppointmentStatus.SCHEDULED, DAY);
        DaySnapshot read = withOpen(kept, canceled, moved);
        Appointment booked = appointment(AppointmentStatus.BOOKED, DAY);

        assertEquals(List.of(kept, canceled, moved, booked), SearchDays.after(read, booked).openAppointments());
        canceled.status = AppointmentStatus.CANCELED;
        assertEquals(List.of(kept, moved), SearchDays.after(read, canceled).openAppointments());
        moved.serviceDate = DAY.plusDays(1);
        assertEquals(List.of(kept, canceled), SearchDays.after(read, moved).openAppointments());
    }

    private static Appointment appointment(AppointmentStatus status, LocalDate date) {
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.status = status;
        a.serviceDate = date;
        return a;
    }

    private static DaySnapshot withOpen(Appointment... open) {
        Territory territory = new Territory();
        territory.id = TERRITORY;
        territory.timeZone = "UTC";
        return new DaySnapshot(territory, DAY, List.of(), List.of(), List.of(open), List.of());
    }

    private DaySnapshot read() {
        reads.incrementAndGet();
        Territory territory = new Territory();
        territory.id = TERRITORY;
        territory.timeZone = "UTC";
        return new DaySnapshot(territory, DAY, List.of(), List.of(), List.of(), List.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
