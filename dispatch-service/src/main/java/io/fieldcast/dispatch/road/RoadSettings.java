package io.fieldcast.dispatch.road;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Which road network dispatch plans on. */
@ConfigMapping(prefix = "fieldcast.road")
public interface RoadSettings {

    /** An OpenStreetMap extract (.osm.pbf, .osm, .osm.gz); absent = the built-in synthetic city. */
    Optional<Path> osmFile();

    /** Seed of the synthetic city (same seed, same city). */
    @WithDefault("7")
    long citySeed();

    /** Width of the synthetic city in km. */
    @WithDefault("25")
    double citySizeKm();

    /** Where the imported graph is cached and reused while the source is unchanged. */
    @WithDefault(".fieldcast/graph")
    Path cacheDir();

    /** An address farther than this from any road is refused as off the map. */
    @WithDefault("500")
    double maxSnapMeters();
}
