package io.fieldcast.simulator.run;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.simulator.day.PhoneOutput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the phone still holds when a new outcome replaces the rest of its day. */
class SpliceTest {

    private static final Instant T0 = Instant.parse("2026-12-04T13:00:00Z");

    private static PhoneOutput.StatusTap tap(UUID visit, VisitStatus status, int minutes) {
        Instant at = T0.plusSeconds(60L * minutes);
        return new PhoneOutput.StatusTap(visit, status, null, null, at, visit + "-" + status, at);
    }

    @Test
    void theDoneTapOfTheJobUnderWayStaysAndTheNextVisitsTapsAreTheNewOutcomes() {
        UUID underWay = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        Replay.Lane lane = new Replay.Lane(null, new Stats(), true, new ArrayList<>(List.of(
                tap(underWay, VisitStatus.ARRIVED, 0),
                tap(underWay, VisitStatus.COMPLETED, 35),
                tap(next, VisitStatus.EN_ROUTE, 36),
                tap(next, VisitStatus.ARRIVED, 44))));
        lane.next = 1; // the ARRIVED tap went out; the van is at the job
        // At the next door (minute 42) the day is simulated again from there: it brings the next visit's taps.
        Replanner.splice(lane, T0.plusSeconds(42 * 60), Set.of(), List.of(tap(next, VisitStatus.ARRIVED, 50)));

        List<String> left = lane.outputs.subList(lane.next, lane.outputs.size()).stream()
                .map(o -> ((PhoneOutput.StatusTap) o).appointmentId().equals(underWay) ? "underWay "
                        + ((PhoneOutput.StatusTap) o).status() : "next " + ((PhoneOutput.StatusTap) o).status())
                .toList();
        // The job under way is still finished; the next visit's old EN_ROUTE (before the door) is not its to send.
        assertEquals(List.of("underWay COMPLETED", "next ARRIVED"), left);
    }
}
