package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.Path;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import io.fieldcast.roadnetwork.TravelMatrix;
import io.fieldcast.roadnetwork.routing.OneToOne;

import java.util.concurrent.ExecutorService;

/**
 * The baseline the many-to-many must beat and match: one GraphHopper CH query per (source, target) pair, each on
 * its own two-point query graph, as {@code route()} does. Snapping is done once beforehand, as for the many-to-many.
 * Used by tests and by the benchmark.
 */
public final class OneToOneLoop {

    private OneToOneLoop() {
    }

    /**
     * Only the first {@code rows} sources (every target): a full N x N loop of one-to-one queries takes far longer
     * than anyone waits for a benchmark, and per-row time is steady, so a sample of rows measures it fairly.
     */
    public static TravelMatrix compute(BaseGraph graph, RoutingCHGraph ch, MatrixQuery query, int rows,
                                       ExecutorService pool, int threads) {
        int cols = query.cols();
        double[] seconds = new double[rows * cols];
        double[] meters = new double[rows * cols];
        Parallel.forEachChunk(rows, pool, threads, () -> null, (unused, i) -> {
            for (int j = 0; j < cols; j++) {
                Path path = OneToOne.path(graph, ch, query.sources[i].fresh(), query.targets[j].fresh());
                seconds[i * cols + j] = path.isFound() ? path.getTime() / 1000.0 : Double.POSITIVE_INFINITY;
                meters[i * cols + j] = path.isFound() ? path.getDistance() : Double.POSITIVE_INFINITY;
            }
        });
        return new TravelMatrix(rows, cols, seconds, meters);
    }
}
