package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Who may log in to the console before anyone has been created through the API. */
@ConfigMapping(prefix = "fieldcast.auth")
public interface AuthSettings {

    /** Users created at start-up when absent: {@code username:password:role+role}. */
    Optional<List<String>> seedUsers();
}
