package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which mined visits the models learn from. */
class TrainingRowsTest {

    /** technician, job type, service s, travel s, road s, departure hour, stopped s, could not be done. */
    private static Object[] row(double service, double travel, double stopped, boolean notDone) {
        return new Object[] {"tech-01", "REPAIR", service, travel, 600.0, 9, stopped, notDone};
    }

    @Test
    void aVisitThatCouldNotBeDoneIsNoJobButItsDriveIsADrive() {
        TrainingService.Training data = TrainingService.Training.of(List.of(
                row(3600, 700, 0, false),
                row(600, 800, 0, true), // nobody home: ten minutes at the door
                row(3000, 2400, 1800, false))); // a 30-minute stop on the way: 10 minutes of driving

        assertEquals(List.of(60.0, 50.0), data.services().stream().map(Observation::value).toList());
        assertEquals(List.of(700 / 600.0, 800 / 600.0, 600 / 600.0),
                data.travel().stream().map(Observation::value).toList(), "the driving alone");
        assertEquals(List.of(0.0, 0.0, 30.0), data.drives().stream().map(StopsOnTheWay.Drive::stoppedMinutes).toList(),
                "every drive's stops, learned apart");
    }

    @Test
    void rowsWithoutTheFlagCountAsJobsDone() {
        TrainingService.Training data = TrainingService.Training.of(List.<Object[]>of(
                new Object[] {"tech-01", "REPAIR", 3600.0, 700.0, 600.0, 9, 0.0}));
        assertEquals(1, data.services().size());
    }
}
