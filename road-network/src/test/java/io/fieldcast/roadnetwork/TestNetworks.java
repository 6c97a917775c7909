package io.fieldcast.roadnetwork;

import io.fieldcast.roadnetwork.city.CityOptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Networks shared by the test classes of one JVM: importing is the slow part, so each is opened once and cached on
 * disk under target/ between runs.
 */
final class TestNetworks {

    /** About 6 km across: every feature of the default city, small enough to import in seconds. */
    static final CityOptions SMALL_CITY = CityOptions.of(7, 6);
    static final Path CACHE = Path.of("target", "road-network-test-cache");

    private static RoadNetwork city;
    private static RoadNetwork andorra;
    private static RoadNetwork monaco;

    private TestNetworks() {
    }

    static synchronized RoadNetwork smallCity() {
        if (city == null) {
            city = RoadNetwork.open(RoadNetworkConfig.syntheticCity().withCity(SMALL_CITY).withCacheDir(CACHE));
        }
        return city;
    }

    static synchronized RoadNetwork andorra() {
        if (andorra == null) {
            andorra = RoadNetwork.open(RoadNetworkConfig.osm(osmFile("andorra.osm.pbf")).withCacheDir(CACHE));
        }
        return andorra;
    }

    static synchronized RoadNetwork monaco() {
        if (monaco == null) {
            monaco = RoadNetwork.open(RoadNetworkConfig.osm(osmFile("monaco.osm.gz")).withCacheDir(CACHE));
        }
        return monaco;
    }

    /**
     * The shared benchmark data: {@code FIELDCAST_DATA_DIR}, else {@code -Dfieldcast.data.dir}, else
     * {@code ../shared/data} beside the repository. Skips the calling test on a clone without it.
     */
    static Path osmFile(String name) {
        Path file = dataDir().resolve("osm").resolve(name);
        assumeTrue(Files.isRegularFile(file), "shared map data not found at " + file.toAbsolutePath()
                + "; set FIELDCAST_DATA_DIR to run the real-map tests");
        return file;
    }

    static Path dataDir() {
        String env = System.getenv("FIELDCAST_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("fieldcast.data.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        // tests run with the module as working directory; the repository root is one up
        return Path.of("..", "..", "shared", "data");
    }
}
