package io.fieldcast.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Token lifetimes. */
@ConfigMapping(prefix = "fieldcast.security")
public interface SecuritySettings {

    /** Issuer written into and required from every platform token. */
    @WithDefault("https://fieldcast.io/platform")
    String issuer();

    /** Lifetime of a dispatcher/admin access token. */
    @WithDefault("PT8H")
    Duration userTokenLifetime();

    /** Lifetime of a technician device access token (refreshed by the phone). */
    @WithDefault("PT30M")
    Duration deviceTokenLifetime();
}
