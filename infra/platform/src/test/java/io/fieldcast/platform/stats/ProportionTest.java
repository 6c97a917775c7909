package io.fieldcast.platform.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProportionTest {

    @Test
    void intervalIsWilsons() {
        // 45 of 50: the textbook Wilson interval is 0.786..0.957.
        assertArrayEquals(new double[] {0.786, 0.957}, round(Proportion.wilson95(45, 50)), 1e-3);
        // All hits still leave room below: 37 of 37 is 0.906..1; none leave room above.
        assertArrayEquals(new double[] {0.906, 1.0}, round(Proportion.wilson95(37, 37)), 1e-3);
        assertArrayEquals(new double[] {0.0, 0.094}, round(Proportion.wilson95(0, 37)), 1e-3);
        // Four times the trials of 45 of 50: about half the width.
        assertArrayEquals(new double[] {0.851, 0.934}, round(Proportion.wilson95(180, 200)), 1e-3);
    }

    @Test
    void noTrialsHaveNoInterval() {
        assertThrows(IllegalArgumentException.class, () -> Proportion.wilson95(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Proportion.wilson95(5, 4));
    }

    private static double[] round(double[] v) {
        return new double[] {Math.round(v[0] * 1000) / 1000.0, Math.round(v[1] * 1000) / 1000.0};
    }
}
