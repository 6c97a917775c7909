package io.fieldcast.eta.history;

import io.fieldcast.events.VisitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LivedDayTest {

    static final Instant T8 = Instant.parse("2026-03-02T08:00:00Z");

    /** A lived day seen again reads the technician's words as the forecaster read them then: said by then, in hand. */
    @Test
    void aDaySeenAgainHasTheNewestWordSaidByThenOfTheJobInHand() {
        UUID job = UUID.randomUUID();
        VisitPlan visit = new VisitPlan(job, "repair", 45.51, -122.6, T8, T8.plusSeconds(4 * 3600),
                T8.plusSeconds(600), 40);
        List<Tap> taps = List.of(new Tap(job, VisitStatus.ARRIVED, at(10)), new Tap(job, VisitStatus.COMPLETED, at(95)));
        VisitProgress.TimeLeft first = new VisitProgress.TimeLeft(at(25), 30);
        VisitProgress.TimeLeft again = new VisitProgress.TimeLeft(at(65), 25);
        LivedDay day = new LivedDay("tech-1", LocalDate.of(2026, 3, 2), 1, 45.5, -122.6, T8, List.of(visit), taps,
                Set.of(), List.of(new LivedDay.Word(job, again), new LivedDay.Word(job, first)));

        assertNull(day.at(at(20), ZoneOffset.UTC).progressOf(job).timeLeft(), "nothing said yet");
        assertEquals(first, day.at(at(40), ZoneOffset.UTC).progressOf(job).timeLeft());
        assertEquals(again, day.at(at(70), ZoneOffset.UTC).progressOf(job).timeLeft());
        assertNull(day.at(at(100), ZoneOffset.UTC).progressOf(job).timeLeft(), "a job done is no longer in hand");
    }

    private static Instant at(int minutes) {
        return T8.plus(Duration.ofMinutes(minutes));
    }
}
