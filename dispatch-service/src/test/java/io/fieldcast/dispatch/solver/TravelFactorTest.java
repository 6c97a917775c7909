package io.fieldcast.dispatch.solver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which hour's factor a departure gets, in the territory's local time. Ticks are seconds from the epoch. */
class TravelFactorTest {

    private static final long LEG = 600;
    private static final Instant EIGHT_UTC = Instant.parse("2026-03-04T08:00:00Z");

    /** 1.0 everywhere except {@code factor} at local hour {@code hour}. */
    private static List<Double> onlyAt(int hour, double factor) {
        List<Double> byHour = new ArrayList<>(Collections.nCopies(24, 1.0));
        byHour.set(hour, factor);
        return byHour;
    }

    @Test
    void missingFactorMeansEveryLegAsMapped() {
        assertSame(TravelFactor.AS_MAPPED, TravelFactor.byLocalHour(List.of(), EIGHT_UTC, ZoneOffset.UTC));
        assertSame(TravelFactor.AS_MAPPED, TravelFactor.byLocalHour(null, EIGHT_UTC, ZoneOffset.UTC));
        // 23 values cannot say which hour is which: as mapped rather than shifted by an hour.
        assertSame(TravelFactor.AS_MAPPED, TravelFactor.byLocalHour(Collections.nCopies(23, 2.0), EIGHT_UTC,
                ZoneOffset.UTC));
        assertTrue(TravelFactor.AS_MAPPED.asMapped());
        assertEquals(LEG, TravelFactor.AS_MAPPED.travel(LEG, 12_345));
    }

    @Test
    void allOnesIsAsMapped() {
        assertSame(TravelFactor.AS_MAPPED, TravelFactor.byLocalHour(Collections.nCopies(24, 1.0), EIGHT_UTC,
                ZoneOffset.UTC));
    }

    @Test
    void onlyTheHourOfDepartureCounts() {
        var factor = TravelFactor.byLocalHour(onlyAt(8, 1.5), EIGHT_UTC, ZoneOffset.UTC);
        assertEquals(900, factor.travel(LEG, 0), "08:00 is hour 8: 600 s × 1.5");
        assertEquals(900, factor.travel(LEG, 3599), "08:59:59 still hour 8");
        assertEquals(LEG, factor.travel(LEG, 3600), "09:00: as mapped, even though the drive ends later");
        assertEquals(LEG, factor.travel(LEG, -1), "07:59:59, before the epoch");
        assertEquals(900, factor.travel(LEG, Duration.ofDays(1).toSeconds()), "08:00 the next day");
        assertEquals(900, factor.travel(LEG, Duration.ofDays(9).toSeconds()), "far beyond the table: by hour of day");
    }

    @Test
    void factorIsRoundedToTheNearestTick() {
        var factor = TravelFactor.byLocalHour(onlyAt(8, 1.234), EIGHT_UTC, ZoneOffset.UTC);
        // 7 s × 1.234 = 8.638 s → 9.
        assertEquals(9, factor.travel(7, 0));
    }

    @Test
    void departureHourIsLocalAcrossTheSpringDaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant epoch = Instant.parse("2026-03-07T13:00:00Z"); // Saturday 08:00 EST
        var factor = TravelFactor.byLocalHour(onlyAt(8, 2.0), epoch, newYork);
        assertEquals(2 * LEG, factor.travel(LEG, 0));
        // Sunday 08:00 is EDT, 12:00Z: 23 hours after the epoch, not 24.
        long sundayEight = Duration.between(epoch, Instant.parse("2026-03-08T12:00:00Z")).toSeconds();
        assertEquals(2 * LEG, factor.travel(LEG, sundayEight));
        assertEquals(LEG, factor.travel(LEG, sundayEight + 3600), "Sunday 09:00 EDT");
    }

    @Test
    void halfHourZoneSplitsHoursAtItsOwnBoundary() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+5:30
        Instant epoch = Instant.parse("2026-03-04T02:30:00Z"); // 08:00 local
        var factor = TravelFactor.byLocalHour(onlyAt(8, 1.5), epoch, kolkata);
        assertEquals(900, factor.travel(LEG, 3599), "08:59:59 local");
        assertEquals(LEG, factor.travel(LEG, 3600), "09:00 local");
    }
}
