package io.fieldcast.platform.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServiceEnvTest {

    /** What ./fieldcast up writes to runtime.env, in short. */
    private static final Map<String, String> RUNTIME_ENV = with("FIELDCAST_PORTAL_LINK_SECRET", "manage-secret", Map.of(
            "FIELDCAST_PG_USER", "postgres", "FIELDCAST_PG_PASSWORD", "superuser-secret",
            "FIELDCAST_PG_USER_NOTIFY", "notify", "FIELDCAST_PG_PASSWORD_NOTIFY", "notify-secret",
            "FIELDCAST_PG_USER_MOBILE", "mobile", "FIELDCAST_PG_PASSWORD_MOBILE", "mobile-secret",
            "FIELDCAST_JWT_PRIVATE_KEY", "/home/keys/private.pem", "FIELDCAST_JWT_PUBLIC_KEY", "/home/keys/public.pem",
            "FIELDCAST_NOTIFY_TRACKING_SECRET", "tracking-secret", "FIELDCAST_KAFKA_BOOTSTRAP", "localhost:19092"));

    private static Map<String, String> with(String name, String value, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put(name, value);
        return Map.copyOf(all);
    }

    @Test
    void notifyGetsThePublicKeyItsTrackingSecretAndItsRoleButNoPrivateKey() {
        Map<String, String> env = ServiceEnv.forModule("customer-notify", RUNTIME_ENV);

        assertFalse(env.containsKey("FIELDCAST_JWT_PRIVATE_KEY"));
        assertEquals("/home/keys/public.pem", env.get("FIELDCAST_JWT_PUBLIC_KEY"));
        assertEquals("tracking-secret", env.get("FIELDCAST_NOTIFY_TRACKING_SECRET"));
        assertNull(env.get("FIELDCAST_PORTAL_LINK_SECRET"), "manage links are dispatch's");
        assertEquals("notify", env.get("FIELDCAST_PG_USER"));
        assertEquals("notify-secret", env.get("FIELDCAST_PG_PASSWORD"));
        assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("FIELDCAST_PG_USER_")), env.toString());
        assertFalse(env.containsValue("mobile-secret"), env.toString());
        assertEquals("localhost:19092", env.get("FIELDCAST_KAFKA_BOOTSTRAP"));
    }

    @Test
    void mobileIssuesDeviceTokensSoItGetsThePrivateKeyButNotTheTrackingSecret() {
        Map<String, String> env = ServiceEnv.forModule("tech-mobile-api", RUNTIME_ENV);

        assertEquals("/home/keys/private.pem", env.get("FIELDCAST_JWT_PRIVATE_KEY"));
        assertNull(env.get("FIELDCAST_NOTIFY_TRACKING_SECRET"));
        assertEquals("mobile", env.get("FIELDCAST_PG_USER"));
        assertFalse(env.containsValue("notify-secret"), env.toString());
    }

    @Test
    void dispatchServesTheManageLinksSoOnlyItGetsTheirSecret() {
        Map<String, String> env = ServiceEnv.forModule("dispatch-service", RUNTIME_ENV);

        assertEquals("manage-secret", env.get("FIELDCAST_PORTAL_LINK_SECRET"));
        assertNull(env.get("FIELDCAST_NOTIFY_TRACKING_SECRET"));
        assertNull(ServiceEnv.forModule("tech-mobile-api", RUNTIME_ENV).get("FIELDCAST_PORTAL_LINK_SECRET"));
    }

    @Test
    void withoutARoleOfItsOwnAServiceKeepsTheSharedLogin() {
        // An external PostgreSQL: the operator's one login, no per-service roles in runtime.env.
        Map<String, String> env = ServiceEnv.forModule("eta-service", RUNTIME_ENV);

        assertEquals("postgres", env.get("FIELDCAST_PG_USER"));
        assertFalse(env.containsKey("FIELDCAST_JWT_PRIVATE_KEY"));
    }

    @Test
    void anUnknownModuleGetsNoPrivateKeyAndNoSecret() {
        Map<String, String> env = ServiceEnv.forModule("some-tool", RUNTIME_ENV);

        assertFalse(env.containsKey("FIELDCAST_JWT_PRIVATE_KEY"));
        assertFalse(env.containsKey("FIELDCAST_NOTIFY_TRACKING_SECRET"));
        assertFalse(env.containsValue("notify-secret"));
    }
}
