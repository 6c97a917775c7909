package io.fieldcast.platform.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedSecretsTest {

    @Test
    void knownOrShortSecretsAreRefusedOutsideADemoNamingTheSetting() {
        var known = assertThrows(IllegalStateException.class,
                () -> SeedSecrets.check("FIELDCAST_SEED_USERS", "admin", "fieldcast-admin", false));
        assertTrue(known.getMessage().startsWith("FIELDCAST_SEED_USERS: the secret of 'admin'"), known.getMessage());
        assertTrue(known.getMessage().contains("FIELDCAST_DEMO_CREDENTIALS=true"), known.getMessage());
        assertThrows(IllegalStateException.class, () -> SeedSecrets.check("FIELDCAST_SEED_DEVICES", "tech-1", "1111",
                false));
        assertThrows(IllegalStateException.class, () -> SeedSecrets.check("FIELDCAST_SEED_USERS", "a", "PASSWORD",
                false));
        assertDoesNotThrow(() -> SeedSecrets.check("FIELDCAST_SEED_USERS", "admin", "a long unguessable phrase",
                false));
    }

    @Test
    void aDemoMaySeedThemOnTheLoopbackOnly() {
        assertDoesNotThrow(() -> SeedSecrets.check("FIELDCAST_SEED_USERS", "admin", "fieldcast-admin", true));
        assertDoesNotThrow(() -> SeedSecrets.checkDemoHost(true, "127.0.0.1"));
        assertDoesNotThrow(() -> SeedSecrets.checkDemoHost(false, "0.0.0.0"));
        var exposed = assertThrows(IllegalStateException.class, () -> SeedSecrets.checkDemoHost(true, "0.0.0.0"));
        assertTrue(exposed.getMessage().contains("0.0.0.0"), exposed.getMessage());
    }
}
