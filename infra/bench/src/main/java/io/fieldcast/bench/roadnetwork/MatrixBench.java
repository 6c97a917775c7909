package io.fieldcast.bench.roadnetwork;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.TravelMatrix;
import io.fieldcast.roadnetwork.city.CityOptions;
import io.fieldcast.roadnetwork.matrix.MatrixQuery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench matrix}: an N x N travel-time matrix of random routable points, computed with the many-to-many and
 * with one GraphHopper CH query per pair, in the same JVM on the same snapped points, after the same warm-up.
 * Progress goes to stderr; the last stdout line is the result:
 * {@code BENCH matrix nodes=… n=… m2m_ms=… loop_ms=… speedup=… max_abs_diff_s=…}.
 * <p>
 * Arguments: {@code [--osm FILE] [--size N] [--seed S] [--cache DIR] [--city-km K] [--threads T] [--warmup R]
 * [--loop-rows R]}. The loop runs the first R source rows against all targets (default 20, 0 for all N) and its
 * time is scaled to N rows: every row is the same amount of work, and a full million one-to-one queries would take
 * tens of minutes. {@code max_abs_diff_s} compares the many-to-many with the loop over the rows the loop ran.
 */
public final class MatrixBench {

    private MatrixBench() {
    }

    public static void main(String[] args) {
        BenchArgs a = BenchArgs.parse(args);
        RoadNetworkConfig config = RoadNetworkConfig.syntheticCity()
                .withCity(CityOptions.of(a.seed(), a.cityKm()))
                .withCacheDir(a.cache())
                .withMatrixThreads(a.threads());
        if (a.osm() != null) {
            config = config.withOsmFile(a.osm());
        }
        try (RoadNetwork network = RoadNetwork.open(config)) {
            System.out.println(run(network, a));
        }
    }

    static String run(RoadNetwork network, BenchArgs a) {
        int n = a.size();
        log("bench: %,d nodes, %d x %d matrix, %d thread(s), %d warm-up round(s)", network.nodeCount(), n, n,
                a.threads(), a.warmup());
        List<GeoPoint> points = network.randomRoutablePoints(n, a.seed());
        long t0 = System.nanoTime();
        MatrixQuery query = network.prepare(points, points);
        log("bench: snapped %d points in %d ms", n, ms(t0));
        warmUp(network, points, a);
        t0 = System.nanoTime();
        query = network.prepare(points, points);
        log("bench: snapped and anchored %d points again, warm, in %d ms (not part of m2m_ms)", n, ms(t0));

        long start = System.nanoTime();
        TravelMatrix m2m = network.matrix(query);
        long m2mMs = ms(start);
        log("bench: many-to-many %d x %d in %d ms", n, n, m2mMs);

        int rows = a.loopRows() <= 0 ? n : Math.min(n, a.loopRows());
        log("bench: looping %,d one-to-one CH queries (%d of %d source rows, all targets)...", (long) rows * n, rows,
                n);
        start = System.nanoTime();
        TravelMatrix loop = network.oneToOneLoop(query, rows);
        long sampledMs = ms(start);
        // every row is the same work (one source to all N targets), so the full loop takes rows/n of the time
        long loopMs = Math.round(sampledMs * (double) n / rows);
        log("bench: one-to-one loop: %d ms for %d rows, %d ms for all %d rows%s", sampledMs, rows, loopMs, n,
                rows < n ? " (extrapolated)" : "");

        Comparison cmp = Comparison.of(m2m, loop);
        log("bench: %,d pairs compared, %,d unreachable in both, %,d differ by more than 1 ms", cmp.pairs(),
                cmp.unreachable(), cmp.differing());
        return String.format(Locale.ROOT,
                "BENCH matrix nodes=%d n=%d m2m_ms=%d loop_ms=%d speedup=%.1f max_abs_diff_s=%.3f",
                network.nodeCount(), n, m2mMs, loopMs, (double) loopMs / Math.max(1, m2mMs), cmp.maxAbsDiffSeconds());
    }

    /**
     * Same rounds for both methods, at full size on other points, so neither is timed with a colder JIT or heap:
     * each round is an N x N many-to-many and 5 rows of the loop (5 N queries, plenty for the JIT).
     */
    private static void warmUp(RoadNetwork network, List<GeoPoint> points, BenchArgs a) {
        int n = points.size();
        List<GeoPoint> sample = network.randomRoutablePoints(n, a.seed() + 1);
        MatrixQuery q = network.prepare(sample, sample);
        for (int r = 1; r <= a.warmup(); r++) {
            long start = System.nanoTime();
            network.matrix(q);
            long m2m = ms(start);
            start = System.nanoTime();
            network.oneToOneLoop(q, Math.min(n, 5));
            log("bench: warm-up %d/%d: many-to-many %d x %d in %d ms, loop %d x %d in %d ms", r, a.warmup(), n, n,
                    m2m, Math.min(n, 5), n, ms(start));
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    /** Differences between two matrices over all pairs; an unreachable pair must be unreachable in both. */
    record Comparison(long pairs, long unreachable, long differing, double maxAbsDiffSeconds) {

        /** Over the rows both have ({@code b} may be a sample of the first rows). */
        static Comparison of(TravelMatrix a, TravelMatrix b) {
            long unreachable = 0;
            long differing = 0;
            double max = 0;
            for (int i = 0; i < b.rows(); i++) {
                for (int j = 0; j < a.cols(); j++) {
                    boolean ra = a.reachable(i, j);
                    if (ra != b.reachable(i, j)) {
                        max = Double.POSITIVE_INFINITY;
                        differing++;
                    } else if (!ra) {
                        unreachable++;
                    } else {
                        double d = Math.abs(a.seconds(i, j) - b.seconds(i, j));
                        max = Math.max(max, d);
                        differing += d > 0.001 ? 1 : 0;
                    }
                }
            }
            return new Comparison((long) b.rows() * b.cols(), unreachable, differing, max);
        }
    }

    record BenchArgs(Path osm, int size, long seed, Path cache, double cityKm, int threads, int warmup,
                     int loopRows) {

        static BenchArgs parse(String[] args) {
            Path osm = null;
            int size = 1000;
            long seed = 42;
            Path cache = RoadNetworkConfig.DEFAULT_CACHE_DIR;
            double cityKm = CityOptions.defaults().sizeKm();
            int threads = Runtime.getRuntime().availableProcessors();
            int warmup = 3;
            int loopRows = 20;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--osm" -> osm = Path.of(value);
                    case "--size" -> size = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--cache" -> cache = Path.of(value);
                    case "--city-km" -> cityKm = Double.parseDouble(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--loop-rows" -> loopRows = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: [--osm FILE] [--size N] [--seed S] [--cache DIR] [--city-km K] [--threads T]"
                            + " [--warmup R] [--loop-rows R|0=all]");
                }
                i++;
            }
            return new BenchArgs(osm, size, seed, cache, cityKm, threads, warmup, loopRows);
        }
    }
}
