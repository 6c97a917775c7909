package io.fieldcast.simulator.run;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.StraightLineRouter;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.day.Truth;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.LogNormal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A technician who goes home sick on a live day calls the dispatcher rather than tapping "cannot complete" on every
 * visit left: the phone's outputs keep everything else the day did.
 */
class SickCallInTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final GeoPoint HOME = GeoPoint.of(45.0, -30.0);

    @Test
    void theVisitsLeftAreNotTappedAsFailed() {
        List<Double> flat = Collections.nCopies(24, 1.0);
        Habits sick = new Habits("tech-01", flat, Map.of("REPAIR", new LogNormal(50, 0.3)), new LogNormal(60, 0.3),
                0, 10, 30, 5, 12 * 60, 0, 10, 5, 0, 0.5, 0, 20, 20, false, 0, new Habits.Rare(0, 0, 1));
        List<PlannedStop> stops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant from = DATE.atTime(8 + i, 0).toInstant(ZoneOffset.UTC);
            stops.add(new PlannedStop(UUID.nameUUIDFromBytes((DATE + "/" + i).getBytes()), i, "REPAIR",
                    GeoPoint.of(45.0 + 0.01 * i, -30.0), from, from.plusSeconds(7200), from.plusSeconds(1800), 60));
        }
        DayOutcome out = new DayEngine(6, StraightLineRouter.CITY).simulate(new TechnicianDay("tech-01", DATE, 0,
                ZoneOffset.UTC, DATE.atTime(8, 0).toInstant(ZoneOffset.UTC),
                DATE.atTime(17, 0).toInstant(ZoneOffset.UTC), HOME, HOME, stops), sick);
        assertNotNull(out.day().wentSickAt());
        List<UUID> skipped = out.visits().stream().filter(v -> v.outcome() == Truth.Outcome.SKIPPED_SICK)
                .map(Truth.Visit::appointmentId).toList();
        assertFalse(skipped.isEmpty());

        List<PhoneOutput> live = Replanner.withoutSickTaps(out);
        assertTrue(live.stream().noneMatch(o -> o instanceof PhoneOutput.StatusTap t
                && t.status() == VisitStatus.CANNOT_COMPLETE), "no visit left is failed from the phone");
        long failed = out.outputs().stream().filter(o -> o instanceof PhoneOutput.StatusTap t
                && t.status() == VisitStatus.CANNOT_COMPLETE).count();
        assertEquals(skipped.size(), failed, "the day itself tapped each one");
        assertEquals(out.outputs().size() - failed, live.size(),
                "everything else stays: fixes, the taps of the morning");
    }
}
