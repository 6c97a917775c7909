package io.fieldcast.eta.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Which road network travel times come from (the same settings as dispatch, so both see the same roads). */
@ConfigMapping(prefix = "fieldcast.road")
public interface RoadSettings {

    /** false = straight-line distance x 1.3 at 30 km/h, with no map loaded (tests, or no map at all). */
    @WithDefault("true")
    boolean enabled();

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

    /** A place farther than this from any road is timed by straight line instead. */
    @WithDefault("500")
    double maxSnapMeters();
}
