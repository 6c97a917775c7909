package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Which company file to load at start-up. */
@ConfigMapping(prefix = "fieldcast.seed")
public interface SeedSettings {

    /** {@code classpath:seed/demo-company.json} or a file path; absent = seed nothing. */
    Optional<String> company();
}
