package io.fieldcast.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Token lifetimes and login throttling. */
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

    /**
     * Whether seeded users and devices may have demo secrets (short or known ones: the demo, tests, benches);
     * refused unless the service listens on the loopback ({@link SeedSecrets}). Variable FIELDCAST_DEMO_CREDENTIALS.
     */
    @WithDefault("false")
    boolean demoCredentials();

    /** Failed logins and their lockouts ({@link LoginThrottle}). */
    Login login();

    interface Login {
        /** Failures of one account before it is locked. */
        @WithDefault("5")
        int freeFailures();

        /** Failures from one client address (any accounts) before it is locked. */
        @WithDefault("20")
        int freeFailuresPerAddress();

        /** The first lockout; each further failure doubles it. */
        @WithDefault("PT30S")
        Duration firstLockout();

        /** The longest lockout. */
        @WithDefault("PT15M")
        Duration maxLockout();

        /** Failures older than this (since the last one) are forgotten. */
        @WithDefault("PT1H")
        Duration forgetAfter();
    }
}
