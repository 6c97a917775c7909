package io.fieldcast.platform.road;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which road network the services load: the same keys (and environment variables, {@code FIELDCAST_ROAD_*}) in
 * dispatch, eta and tech-mobile-api, so all of them plan, time and draw on the same roads.
 */
@ConfigMapping(prefix = "fieldcast.road")
public interface RoadSettings {

    /**
     * false = no road graph is loaded, for a service that can do without one: eta times drives by straight line
     * (x 1.3 at 30 km/h), the phone's map shows no roads. Dispatch cannot plan without roads and always loads them.
     */
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

    /**
     * A place farther than this from any road is off the map: dispatch refuses such an address, eta times the drive
     * by straight line instead.
     */
    @WithDefault("500")
    double maxSnapMeters();
}
