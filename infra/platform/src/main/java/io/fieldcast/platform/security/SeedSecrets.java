package io.fieldcast.platform.security;

import java.util.Locale;
import java.util.Set;

/**
 * No known default secret outside a demo on this machine: the users and devices a service seeds at start-up from its
 * configuration must have secrets of real strength, unless {@code fieldcast.security.demo-credentials} says this is a
 * demo (or a test, or a bench), which is then refused on any address but the loopback.
 */
public final class SeedSecrets {

    public static final int MIN_LENGTH = 12;
    /** The demo's own and the usual first guesses. */
    static final Set<String> KNOWN = Set.of("fieldcast", "fieldcast-admin", "admin", "password", "secret", "change-me",
            "changeme", "root", "postgres", "123456", "12345678", "1234", "0000", "sim-secret", "bench-secret",
            "letmein", "welcome");

    private SeedSecrets() {
    }

    /**
     * Refuses (an exception naming the setting) a seeded secret that is a known default or shorter than
     * {@link #MIN_LENGTH}, unless demo credentials are allowed.
     */
    public static void check(String setting, String name, String secret, boolean demoCredentials) {
        if (demoCredentials) {
            return;
        }
        if (secret.length() < MIN_LENGTH || KNOWN.contains(secret.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException(setting + ": the secret of '" + name + "' is a known default or shorter "
                    + "than " + MIN_LENGTH + " characters. Give it a strong one, or set "
                    + "FIELDCAST_DEMO_CREDENTIALS=true for a demo on this machine only.");
        }
    }

    /** Demo credentials only where nobody else can reach them. */
    public static void checkDemoHost(boolean demoCredentials, String httpHost) {
        if (demoCredentials && !Set.of("127.0.0.1", "localhost", "::1").contains(httpHost)) {
            throw new IllegalStateException("FIELDCAST_DEMO_CREDENTIALS=true serves demo users and device secrets: "
                    + "it is refused on " + httpHost + "; listen on 127.0.0.1 (unset FIELDCAST_HTTP_HOST) or drop it");
        }
    }
}
