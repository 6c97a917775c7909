package io.fieldcast.testing.config;

import io.smallrye.config.ConfigMapping;

/** A typed configuration as a service writes it, for {@code ModuleRulesTest}. */
@ConfigMapping(prefix = "fixture")
public interface PlacedSettings {
}
