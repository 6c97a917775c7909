package io.fieldcast.dispatch.road;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.TravelMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The leg cache on a line world (points at (0, x), x minutes apart per unit), with a matrix that records what it was
 * asked: a many-to-many costs a search per source and per target, so what matters is which rows and columns it gets.
 */
class LegCacheTest {

    private static final GeoPoint HOME = at(0);
    private static final GeoPoint A = at(1);
    private static final GeoPoint B = at(2);
    private static final GeoPoint NEW_STOP = at(5);
    private static final GeoPoint CUSTOMER = at(7);

    private final List<String> asked = new ArrayList<>();
    private final LegCache legs = new LegCache(this::line, 1_000);

    @Test
    void aDayGainingOneStopComputesOnlyTheLegsToAndFromIt() {
        legs.prefetch(List.of(CUSTOMER), List.of(HOME, A, B));
        asked.clear();

        legs.prefetch(List.of(CUSTOMER), List.of(HOME, A, B, NEW_STOP));

        // Three of the four targets are known: one row, one column, not one row and four columns.
        assertEquals(List.of("1x1"), asked);
        assertEquals(2 * 60, legs.seconds(CUSTOMER, NEW_STOP), "7 - 5 = 2 units of one minute");
    }

    @Test
    void legsAlreadyCachedAskForNoMatrix() {
        legs.prefetch(List.of(HOME, A, B), List.of(HOME, A, B));
        asked.clear();

        legs.prefetch(List.of(A, B), List.of(HOME, B));
        assertEquals(60, legs.seconds(A, HOME));

        assertEquals(List.of(), asked);
    }

    @Test
    void aMissingLegIsComputedOnAskingAndThenServedFromMemory() {
        assertEquals(3 * 60, legs.seconds(B, NEW_STOP));
        assertEquals(3 * 60, legs.seconds(B, NEW_STOP));

        assertEquals(List.of("1x1"), asked);
    }

    private TravelMatrix line(List<GeoPoint> sources, List<GeoPoint> targets) {
        asked.add(sources.size() + "x" + targets.size());
        double[] seconds = new double[sources.size() * targets.size()];
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < targets.size(); j++) {
                seconds[i * targets.size() + j] = Math.abs(sources.get(i).lon() - targets.get(j).lon()) * 60;
            }
        }
        return new TravelMatrix(sources.size(), targets.size(), seconds, seconds.clone());
    }

    private static GeoPoint at(double x) {
        return new GeoPoint(0, x);
    }
}
