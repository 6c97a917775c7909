package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AheadDoubtTest {

    @Test
    void eachJobAheadTakesTheSameLogOddsOff() {
        AheadDoubt doubt = new AheadDoubt(0.4);
        // logit(0.91) = 2.314: one job ahead 1.914 -> 0.871, two 1.514 -> 0.820, three 1.114 -> 0.753.
        assertEquals(0.91, doubt.kept(0.91, 0), 1e-12);
        assertEquals(0.871, doubt.kept(0.91, 1), 0.001);
        assertEquals(0.820, doubt.kept(0.91, 2), 0.001);
        assertEquals(0.753, doubt.kept(0.91, 3), 0.001);
    }

    @Test
    void theShareAWindowNeedsIsTheInverse() {
        AheadDoubt doubt = new AheadDoubt(0.4);
        for (int ahead = 0; ahead <= 5; ahead++) {
            double share = doubt.shareFor(0.9, ahead);
            assertTrue(share >= 0.9 && share < 1, "ahead " + ahead + ": " + share);
            assertEquals(0.9, doubt.kept(share, ahead), 1e-9, "ahead " + ahead);
        }
    }

    @Test
    void aWindowHoldingEveryDayIsNotCertainWithJobsAhead() {
        AheadDoubt doubt = new AheadDoubt(0.4);
        assertTrue(doubt.kept(1.0, 2) < 0.999, "every sampled day inside: still less than sure");
        assertEquals(1.0, AheadDoubt.NONE.kept(1.0, 2), 1e-12);
    }

    @Test
    void noDoubtChangesNothingAndANegativeOneIsRefused() {
        assertEquals(0.93, AheadDoubt.NONE.kept(0.93, 4), 1e-12);
        assertEquals(0.9, AheadDoubt.NONE.shareFor(0.9, 4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new AheadDoubt(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new AheadDoubt(Double.NaN));
    }
}
