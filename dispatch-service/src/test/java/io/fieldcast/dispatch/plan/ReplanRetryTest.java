package io.fieldcast.dispatch.plan;

import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A re-plan that lost a race with a tap solves again; one that cannot be done is not repeated. */
class ReplanRetryTest {

    @Test
    void anAppointmentWrittenMeanwhileSolvesAgainWhileAttemptsAreLeft() {
        // As the demo's log had it: the reactive session's flush found the row changed under it.
        RuntimeException raced = new CompletionException(new OptimisticLockException(
                "Unexpected row count (expected row count 1 but was 0)"));
        assertTrue(Replanner.solvesAgain(raced, 1));
        assertTrue(Replanner.solvesAgain(raced, 2));
        assertTrue(Replanner.solvesAgain(raced, 3));
        assertFalse(Replanner.solvesAgain(raced, 4), "four solves, then the failure is recorded");
    }

    @Test
    void aFailureThatWillNotPassIsRecordedAtOnce() {
        assertFalse(Replanner.solvesAgain(new IllegalStateException("no technicians in territory metro"), 1));
    }
}
