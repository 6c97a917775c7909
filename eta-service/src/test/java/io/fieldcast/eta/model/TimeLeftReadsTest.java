package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class TimeLeftReadsTest {

    /**
     * Reads of {@code technician} whose jobs went on {@code ratio} times what they said, log-normal with
     * {@code spread}: 400 of them.
     */
    public static TimeLeftReads learnedAround(String technician, double ratio, double spread) {
        Random random = new Random(7);
        List<TimeLeftReads.Read> reads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double said = 10 + 5 * random.nextInt(18);
            reads.add(new TimeLeftReads.Read(technician, said, said * ratio * Math.exp(spread * random.nextGaussian())));
        }
        return TimeLeftReads.learn(reads);
    }

    @Test
    void eachTechniciansLeanIsLearnedAndTheSpreadIsTheirWordsAroundIt() {
        Random random = new Random(3);
        List<TimeLeftReads.Read> reads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double said = 30;
            // An optimist (jobs run 1.3 times their word) and a pessimist (0.8 times), both off by about 15 %.
            reads.add(new TimeLeftReads.Read("optimist", said, said * 1.3 * Math.exp(0.15 * random.nextGaussian())));
            reads.add(new TimeLeftReads.Read("pessimist", said, said * 0.8 * Math.exp(0.15 * random.nextGaussian())));
        }
        TimeLeftReads learned = TimeLeftReads.learn(reads);

        assertTrue(learned.learned());
        assertEquals(600, learned.reads());
        assertEquals(1.3, learned.ratioAt("optimist", 0.5), 0.05);
        assertEquals(0.8, learned.ratioAt("pessimist", 0.5), 0.05);
        // Their own leans taken out, what is left is the spread of one word: its 10th-90th percentiles are
        // exp(-+1.28 x 0.15) = 0.83-1.21 around the lean, not the 0.7-1.5 of the two pooled.
        double width = learned.ratioAt("optimist", 0.9) / learned.ratioAt("optimist", 0.1);
        assertEquals(Math.exp(2 * 1.2816 * 0.15), width, 0.08);
        // Somebody never heard of reads as the fleet does: between the two.
        double fleet = learned.ratioAt("new-hire", 0.5);
        assertTrue(fleet > 0.8 && fleet < 1.3, "between the two: " + fleet);
    }

    @Test
    void aLeanOfFewReadsIsShrunkToTheFleets() {
        List<TimeLeftReads.Read> reads = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            reads.add(new TimeLeftReads.Read("steady", 30, 30 * Math.exp(0.1 * random.nextGaussian())));
        }
        for (int i = 0; i < 10; i++) {
            reads.add(new TimeLeftReads.Read("twice", 30, 60));
        }
        TimeLeftReads learned = TimeLeftReads.learn(reads);
        // Ten reads at twice the word: half way (on the log scale) between the fleet's and their own.
        assertEquals(Math.sqrt(2), learned.ratioAt("twice", 0.5) / learned.ratioAt("steady", 0.5), 0.1);
    }

    @Test
    void aWordOutrunSaysNothingAndTooFewReadsTeachNothing() {
        TimeLeftReads learned = learnedAround("tech-1", 1.0, 0.1);
        // 30 said, 10 gone: the rest of the word is drawn above 10 and around 30.
        double median = learned.wentOn("tech-1", 30, 10, 0.5);
        assertEquals(30, median, 1.5);
        assertTrue(learned.wentOn("tech-1", 30, 10, 0.0) >= 10);
        // 30 said, 45 gone: past what nearly every word went on to, the job's own history reads it.
        assertTrue(Double.isNaN(learned.wentOn("tech-1", 30, 45, 0.5)));

        List<TimeLeftReads.Read> few = new ArrayList<>();
        for (int i = 0; i < TimeLeftReads.MIN_READS - 1; i++) {
            few.add(new TimeLeftReads.Read("tech-1", 30, 30));
        }
        assertFalse(TimeLeftReads.learn(few).learned());
        assertTrue(Double.isNaN(TimeLeftReads.NONE.wentOn("tech-1", 30, 0, 0.5)));
    }

    @Test
    void aWordCanBeOutrunFurtherThanAnyReadSeen() {
        TimeLeftReads learned = learnedAround("tech-1", 1.0, 0.2);
        double highestSeen = Math.exp(learned.logRatio()[TimeLeftReads.LEVELS - 1]);
        // Up to the 95th percentile, the reads' own quantiles.
        assertEquals(Math.exp(learned.logRatio()[TimeLeftReads.LEVELS - 2]), learned.ratioAt("tech-1", 0.95), 1e-9);
        // Above it, no lighter than the log-normal the reads came from (its 99.9th percentile: exp(3.09 x 0.2)),
        // beyond the highest of the 400 seen, and not wildly heavier.
        double far = learned.ratioAt("tech-1", 0.999);
        assertTrue(far > highestSeen, far + " beyond the highest seen " + highestSeen);
        assertTrue(far >= 0.95 * Math.exp(3.09 * 0.2) && far <= Math.exp(1.5 * 3.09 * 0.2), "99.9th: " + far);
        double previous = learned.ratioAt("tech-1", 0.9);
        for (double u : new double[]{0.95, 0.96, 0.98, 0.99, 0.999, 0.9999, 1.0}) {
            double r = learned.ratioAt("tech-1", u);
            assertTrue(r >= previous, "rises with the level: " + u + " -> " + r + " after " + previous);
            previous = r;
        }
        assertEquals(learned.ratioAt("tech-1", TimeLeftReads.TAIL_TOP), learned.ratioAt("tech-1", 1.0), 1e-9,
                "the tail has a top");
        // 30 said, 10 gone: one draw in a thousand goes on past anything seen.
        assertTrue(learned.wentOn("tech-1", 30, 10, 0.9995) > 30 * highestSeen);
    }
}
