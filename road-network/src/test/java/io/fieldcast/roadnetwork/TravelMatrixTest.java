package io.fieldcast.roadnetwork;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TravelMatrixTest {

    private final TravelMatrix matrix = new TravelMatrix(2, 2,
            new double[]{0, 61.6, Double.POSITIVE_INFINITY, 0},
            new double[]{0, 800, Double.POSITIVE_INFINITY, 0});

    @Test
    void unreachablePairIsInfinityNeverZero() {
        assertFalse(matrix.reachable(1, 0));
        assertEquals(Double.POSITIVE_INFINITY, matrix.seconds(1, 0));
        assertEquals(Double.POSITIVE_INFINITY, matrix.meters(1, 0));
    }

    @Test
    void wholeSecondsUseTheCallersSentinelForUnreachablePairs() {
        long[][] whole = matrix.toWholeSeconds(Long.MAX_VALUE);
        assertArrayEquals(new long[]{0, 62}, whole[0]);
        assertArrayEquals(new long[]{Long.MAX_VALUE, 0}, whole[1]);
    }

    @Test
    void indexOutsideTheMatrixIsRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.seconds(2, 0));
    }
}
