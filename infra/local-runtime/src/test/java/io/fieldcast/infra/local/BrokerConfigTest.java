package io.fieldcast.infra.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the broker is told to listen on, with and without a SASL listener. */
class BrokerConfigTest {

    @TempDir
    Path dir;

    @Test
    void withoutSaslTheBrokerListensInPlainTextOnly() {
        Map<String, String> settings = new BrokerConfig(dir, 19092, 19093).settings();

        assertEquals("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093", settings.get("listeners"));
        assertFalse(settings.containsKey("sasl.enabled.mechanisms"));
    }

    @Test
    void aSaslListenerIsAdvertisedBesideThePlainOneWithItsUsersInAnOwnerOnlyFile() throws Exception {
        SaslListener sasl = new SaslListener(19094, Map.of("notify", "pw-n", "dispatch", "pw-d"));
        BrokerConfig config = new BrokerConfig(dir, 19092, 19093, Optional.of(sasl));

        Map<String, String> settings = config.settings();
        Path file = config.write();

        assertEquals("PLAINTEXT://localhost:19092,SASL_PLAINTEXT://localhost:19094",
                settings.get("advertised.listeners"));
        assertEquals("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                settings.get("listener.security.protocol.map"));
        assertEquals("PLAIN", settings.get("sasl.enabled.mechanisms"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required user_dispatch=\"pw-d\" "
                + "user_notify=\"pw-n\";", settings.get("listener.name.sasl_plaintext.plain.sasl.jaas.config"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(sasl.toString().contains("pw-"), sasl.toString());
    }

    @Test
    void aPasswordAJaasConfigCannotQuoteIsRefused() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> new SaslListener(19094, Map.of("svc", "say \"hi\"")));
        assertTrue(refused.getMessage().contains("must not contain quotes"), refused.getMessage());
    }
}
