package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TapLagTest {

    @Test
    void learnsTheLagsSpreadAndLeavesForgottenTapsOut() {
        List<Double> lags = new ArrayList<>();
        for (int s = 15; s <= 120; s++) {
            lags.add((double) s);
        }
        lags.addAll(List.of(900.0, 3600.0, -30.0)); // a forgotten tap, a day's end, a tap on the way
        TapLag lag = TapLag.learn(lags);

        assertTrue(lag.learned());
        assertEquals(106, lag.visits(), "the three outside 0-600 s are left out");
        assertEquals(15, lag.secondsAt(0), 1e-9);
        assertEquals(67.5, lag.secondsAt(0.5), 1e-9);
        assertEquals(120, lag.secondsAt(1), 1e-9);
        assertEquals(109.5, lag.secondsAt(0.9), 1e-9);
        assertEquals(112.125, lag.secondsAt(0.925), 1e-9, "between two levels: interpolated");
        assertEquals(67.5, lag.meanSeconds(), 0.1);
    }

    @Test
    void tooFewVisitsTeachNothingAndNothingLearnedIsNoLag() {
        TapLag few = TapLag.learn(Collections.nCopies(TapLag.MIN_VISITS - 1, 60.0));
        assertFalse(few.learned());
        assertEquals(TapLag.NONE, few);
        assertEquals(0, few.secondsAt(0.7));
        assertEquals(0, few.meanSeconds());
        assertTrue(TapLag.learn(Collections.nCopies(TapLag.MIN_VISITS, 60.0)).learned());
    }

    @Test
    void levelsMustAscend() {
        double[] down = new double[TapLag.LEVELS];
        down[0] = 5;
        assertThrows(IllegalArgumentException.class, () -> new TapLag(down, 40));
        assertThrows(IllegalArgumentException.class, () -> new TapLag(new double[]{1, 2}, 40));
    }
}
