package io.fieldcast.platform.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RuntimeEnvFileTest {

    @Test
    void readsPlainAndSingleQuotedValuesAndSkipsComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runtime.env");
        Files.writeString(file, """
                # Written by ./fieldcast up, removed by ./fieldcast down.
                FIELDCAST_KAFKA_BOOTSTRAP=localhost:19092
                FIELDCAST_JWT_PRIVATE_KEY='/home/a user/it'\\''s/key.pem'
                """);

        assertEquals(Map.of("FIELDCAST_KAFKA_BOOTSTRAP", "localhost:19092",
                "FIELDCAST_JWT_PRIVATE_KEY", "/home/a user/it's/key.pem"), RuntimeEnvFile.read(file));
    }
}
