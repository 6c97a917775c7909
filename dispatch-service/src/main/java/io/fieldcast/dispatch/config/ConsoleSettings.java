package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The dispatcher console's map. */
@ConfigMapping(prefix = "fieldcast.console")
public interface ConsoleSettings {

    /**
     * Map tiles under the roads, e.g. {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}; absent (the default):
     * no tiles, only the roads the service draws itself, so the console works offline.
     */
    Optional<String> tileUrl();

    /** Shown on the map whenever tiles are drawn. */
    @WithDefault("© OpenStreetMap contributors")
    String tileAttribution();
}
