package io.fieldcast.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReferenceTest {

    @Test
    void variableWithoutColonHasNoDefault() {
        assertEquals(List.of(new ConfigReference("FIELDCAST_X", Optional.empty())),
                ConfigReference.inValue("jdbc:${FIELDCAST_X}/db"));
    }

    @Test
    void defaultRunsToTheMatchingBraceAcrossNestedExpressions() {
        List<ConfigReference> references =
                ConfigReference.inValue("${FIELDCAST_NOTIFY_PUBLIC_URL:http://localhost:${quarkus.http.port}}/x");

        assertEquals(List.of(new ConfigReference("FIELDCAST_NOTIFY_PUBLIC_URL",
                Optional.of("http://localhost:${quarkus.http.port}"))), references);
        assertTrue(references.getFirst().defaultPointsAtThisMachine());
    }

    @Test
    void keysFileAndLoopbackDefaultsOnlyWorkOnThisMachine() {
        assertTrue(new ConfigReference("A", Optional.of(".fieldcast/keys/a.pem")).defaultPointsAtThisMachine());
        assertTrue(new ConfigReference("A", Optional.of("127.0.0.1")).defaultPointsAtThisMachine());
        assertFalse(new ConfigReference("A", Optional.of("https://api.twilio.com")).defaultPointsAtThisMachine());
        assertFalse(new ConfigReference("A", Optional.of("")).defaultPointsAtThisMachine());
    }
}
