package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
    void theDoubtLearnedIsTheOneThatGaveWhatHappened() {
        assertEquals(0.5, AheadDoubt.learn(seen(0.5, 4000, 3)).perJob(), 0.06);
        AheadDoubt sure = AheadDoubt.learn(seen(0, 4000, 4));
        assertEquals(0, sure.perJob(), 0.05, "kept as often as announced: " + sure);
        assertEquals(4000 * 3 / 4, sure.visits(), "the windows with a job ahead count");
    }

    @Test
    void tooFewVisitsOrWindowsKeptMoreOftenThanSaidTeachNone() {
        AheadDoubt few = AheadDoubt.learn(seen(0.5, 36, 5));
        assertTrue(few.none(), few.toString());
        assertEquals(27, few.visits());
        // Kept more often than announced: the doubt is never negative.
        List<AheadDoubt.Seen> always = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            always.add(new AheadDoubt.Seen(0.9, 1 + i % 3, true));
        }
        assertEquals(0, AheadDoubt.learn(always).perJob(), 1e-12);
    }

    /** Windows announced 0.91 with 0-3 jobs ahead, kept as a doubt of {@code perJob} says. */
    private static List<AheadDoubt.Seen> seen(double perJob, int n, long seed) {
        Random random = new Random(seed);
        AheadDoubt truth = new AheadDoubt(perJob);
        List<AheadDoubt.Seen> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ahead = i % 4;
            out.add(new AheadDoubt.Seen(0.91, ahead, random.nextDouble() < truth.kept(0.91, ahead)));
        }
        return out;
    }

    @Test
    void noDoubtChangesNothingAndANegativeOneIsRefused() {
        assertEquals(0.93, AheadDoubt.NONE.kept(0.93, 4), 1e-12);
        assertEquals(0.9, AheadDoubt.NONE.shareFor(0.9, 4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new AheadDoubt(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new AheadDoubt(Double.NaN));
    }
}
