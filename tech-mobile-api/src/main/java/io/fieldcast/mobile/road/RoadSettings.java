package io.fieldcast.mobile.road;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Which road network the phone's map draws (the same settings as dispatch, so both show the same roads). */
@ConfigMapping(prefix = "fieldcast.road")
public interface RoadSettings {

    /** false = no road graph is loaded and the phone's map shows the route without roads. */
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
}
