package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.Path;
import io.fieldcast.roadnetwork.TravelMatrix;
import io.fieldcast.roadnetwork.routing.OneToOne;

import java.util.concurrent.ExecutorService;

/**
 * The baseline the many-to-many must beat and match: one GraphHopper CH query per (source, target) pair, on the same
 * query graph. Used by tests and by the benchmark, never by callers in production.
 */
public final class OneToOneLoop {

    private OneToOneLoop() {
    }

    public static TravelMatrix compute(MatrixQuery query, ExecutorService pool, int threads) {
        int rows = query.rows();
        int cols = query.cols();
        double[] seconds = new double[rows * cols];
        double[] meters = new double[rows * cols];
        Parallel.forEachChunk(rows, pool, threads, () -> null, (unused, i) -> {
            for (int j = 0; j < cols; j++) {
                Path path = OneToOne.path(query.queryCh, query.sourceNodes[i], query.targetNodes[j]);
                seconds[i * cols + j] = path.isFound() ? path.getTime() / 1000.0 : Double.POSITIVE_INFINITY;
                meters[i * cols + j] = path.isFound() ? path.getDistance() : Double.POSITIVE_INFINITY;
            }
        });
        return new TravelMatrix(rows, cols, seconds, meters);
    }
}
