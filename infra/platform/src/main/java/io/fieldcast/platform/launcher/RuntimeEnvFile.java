package io.fieldcast.platform.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code runtime.env} that {@code ./fieldcast up} writes (how services reach PostgreSQL, Kafka and the
 * signing keys), for a launcher that starts services against the local runtime. Values are shell words: one that
 * is not plain is single-quoted, as the local runtime writes it.
 */
public final class RuntimeEnvFile {

    private RuntimeEnvFile() {
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 1) {
                continue;
            }
            values.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        return value;
    }
}
