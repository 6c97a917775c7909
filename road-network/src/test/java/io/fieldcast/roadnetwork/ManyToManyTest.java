package io.fieldcast.roadnetwork;

import io.fieldcast.roadnetwork.matrix.MatrixQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManyToManyTest {

    /**
     * Times are sums of GraphHopper's whole-millisecond edge times along the same path, so they agree to the
     * millisecond; 1 ms of slack covers the rare tie between two equally weighted paths of different duration.
     */
    private static final double SAME_PATH_SECONDS = 0.0011;

    @Test
    void matrixEqualsOneToOneOnRandomPairs() {
        assertMatrixEqualsLoop(TestNetworks.smallCity(), 60, 11);
    }

    @Test
    void matrixEqualsOneToOneOnAndorra() {
        assertMatrixEqualsLoop(TestNetworks.andorra(), 40, 12);
    }

    @Test
    void matrixEqualsOneToOneOnMonaco() {
        assertMatrixEqualsLoop(TestNetworks.monaco(), 40, 13);
    }

    @Test
    void matrixAgreesWithRouteOnRandomPairs() {
        RoadNetwork network = TestNetworks.smallCity();
        List<GeoPoint> sources = network.randomRoutablePoints(15, 21);
        List<GeoPoint> targets = network.randomResidentialPoints(15, 22);
        TravelMatrix matrix = network.matrix(sources, targets);
        Random random = new Random(5);
        for (int k = 0; k < 40; k++) {
            int i = random.nextInt(sources.size());
            int j = random.nextInt(targets.size());
            Route route = network.route(sources.get(i), targets.get(j));
            assertEquals(route.seconds(), matrix.seconds(i, j), SAME_PATH_SECONDS, "seconds " + i + "->" + j);
            // metres are summed in a different order: floating-point noise only
            assertEquals(route.meters(), matrix.meters(i, j), 0.01, "meters " + i + "->" + j);
        }
    }

    @Test
    void singleThreadedMatrixEqualsParallelMatrix() {
        RoadNetwork parallel = TestNetworks.smallCity();
        RoadNetworkConfig oneThread = parallel.config().withMatrixThreads(1);
        try (RoadNetwork serial = RoadNetwork.open(oneThread)) {
            List<GeoPoint> points = parallel.randomRoutablePoints(30, 31);
            TravelMatrix a = parallel.matrix(points, points);
            TravelMatrix b = serial.matrix(points, points);
            for (int i = 0; i < points.size(); i++) {
                for (int j = 0; j < points.size(); j++) {
                    assertEquals(a.seconds(i, j), b.seconds(i, j), 0.0, "seconds " + i + "->" + j);
                    assertEquals(a.meters(i, j), b.meters(i, j), 0.0, "meters " + i + "->" + j);
                }
            }
        }
    }

    @Test
    void keptSearchSpacesGiveExactlyTheMatrixOfFreshSearches() {
        RoadNetwork warm = TestNetworks.smallCity();
        List<GeoPoint> day = warm.randomRoutablePoints(40, 61);
        warm.matrix(day, day); // every place of the day searched once, its spaces kept
        // A booking's question: one new address against the day's places, both ways, plus some places never seen.
        List<GeoPoint> fresh = warm.randomRoutablePoints(5, 62);
        List<GeoPoint> sources = new java.util.ArrayList<>(fresh);
        sources.addAll(day);
        List<GeoPoint> targets = new java.util.ArrayList<>(day);
        targets.addAll(fresh);
        TravelMatrix kept = warm.matrix(sources, targets);
        try (RoadNetwork cold = RoadNetwork.open(warm.config())) {
            TravelMatrix searched = cold.matrix(sources, targets);
            for (int i = 0; i < sources.size(); i++) {
                for (int j = 0; j < targets.size(); j++) {
                    assertEquals(searched.seconds(i, j), kept.seconds(i, j), 0.0, "seconds " + i + "->" + j);
                    assertEquals(searched.meters(i, j), kept.meters(i, j), 0.0, "meters " + i + "->" + j);
                }
            }
        }
    }

    @Test
    void pointToItselfTakesNoTime() {
        RoadNetwork network = TestNetworks.smallCity();
        List<GeoPoint> points = network.randomRoutablePoints(10, 41);
        TravelMatrix m = network.matrix(points, points);
        for (int i = 0; i < points.size(); i++) {
            assertEquals(0.0, m.seconds(i, i), 0.0);
            assertEquals(0.0, m.meters(i, i), 0.0);
        }
    }

    @Test
    void rectangularMatrixHasOneRowPerSourceAndOneColumnPerTarget() {
        RoadNetwork network = TestNetworks.smallCity();
        TravelMatrix m = network.matrix(network.randomRoutablePoints(3, 51), network.randomRoutablePoints(7, 52));
        assertEquals(3, m.rows());
        assertEquals(7, m.cols());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 7; j++) {
                assertTrue(m.reachable(i, j), "the city is one strongly connected network");
                assertTrue(m.seconds(i, j) > 0);
            }
        }
    }

    private static void assertMatrixEqualsLoop(RoadNetwork network, int n, long seed) {
        List<GeoPoint> points = network.randomRoutablePoints(n, seed);
        MatrixQuery query = network.prepare(points, points);
        TravelMatrix m2m = network.matrix(query);
        TravelMatrix loop = network.oneToOneLoop(query, n);
        int reachable = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(loop.reachable(i, j), m2m.reachable(i, j), "reachability " + i + "->" + j);
                if (loop.reachable(i, j)) {
                    reachable++;
                    assertEquals(loop.seconds(i, j), m2m.seconds(i, j), SAME_PATH_SECONDS, "seconds " + i + "->" + j);
                    // metres are summed in a different order: floating-point noise only
                    assertEquals(loop.meters(i, j), m2m.meters(i, j), 0.01, "meters " + i + "->" + j);
                }
            }
        }
        assertTrue(reachable > n * n * 0.9, "most random pairs on one map are connected: " + reachable);
    }
}
