package io.fieldcast.roadnetwork;

import io.fieldcast.roadnetwork.city.CityOptions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link RoadNetwork}.
 *
 * @param osmFile                an OSM extract ({@code .osm.pbf}, {@code .osm}, {@code .osm.gz}); null for the
 *                               synthetic city
 * @param city                   the synthetic city to generate when {@code osmFile} is null
 * @param cacheDir               where imported graphs (and the generated city) are kept between runs
 * @param maxSnapDistanceMeters  positions farther than this from any routable road are refused
 * @param matrixThreads          threads one matrix computation may use; 1 keeps it on the caller's thread
 */
public record RoadNetworkConfig(Path osmFile, CityOptions city, Path cacheDir, double maxSnapDistanceMeters,
                                int matrixThreads) {

    public static final Path DEFAULT_CACHE_DIR = Path.of(".fieldcast", "graph");
    public static final double DEFAULT_MAX_SNAP_METERS = 500;

    public RoadNetworkConfig {
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (!(maxSnapDistanceMeters > 0)) {
            throw new IllegalArgumentException("maxSnapDistanceMeters must be positive");
        }
        if (matrixThreads < 1) {
            throw new IllegalArgumentException("matrixThreads must be at least 1");
        }
    }

    /** The default synthetic city, cached in {@code .fieldcast/graph}, all cores for matrices. */
    public static RoadNetworkConfig syntheticCity() {
        return new RoadNetworkConfig(null, CityOptions.defaults(), DEFAULT_CACHE_DIR, DEFAULT_MAX_SNAP_METERS,
                Runtime.getRuntime().availableProcessors());
    }

    public static RoadNetworkConfig osm(Path osmFile) {
        return syntheticCity().withOsmFile(osmFile);
    }

    public RoadNetworkConfig withOsmFile(Path file) {
        return new RoadNetworkConfig(file, city, cacheDir, maxSnapDistanceMeters, matrixThreads);
    }

    public RoadNetworkConfig withCity(CityOptions options) {
        return new RoadNetworkConfig(null, options, cacheDir, maxSnapDistanceMeters, matrixThreads);
    }

    public RoadNetworkConfig withCacheDir(Path dir) {
        return new RoadNetworkConfig(osmFile, city, dir, maxSnapDistanceMeters, matrixThreads);
    }

    public RoadNetworkConfig withMaxSnapDistanceMeters(double meters) {
        return new RoadNetworkConfig(osmFile, city, cacheDir, meters, matrixThreads);
    }

    public RoadNetworkConfig withMatrixThreads(int threads) {
        return new RoadNetworkConfig(osmFile, city, cacheDir, maxSnapDistanceMeters, threads);
    }

    public boolean usesSyntheticCity() {
        return osmFile == null;
    }
}
