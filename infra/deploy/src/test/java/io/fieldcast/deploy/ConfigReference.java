package io.fieldcast.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@code ${FIELDCAST_…}} environment variable that a properties file reads, with its default if it has one
 * ({@code ${FIELDCAST_X:default}}). Profile-specific keys ({@code %test.…}) are left out: a cluster runs the
 * production profile.
 */
record ConfigReference(String variable, Optional<String> defaultValue) {

    private static final String START = "${FIELDCAST_";

    /**
     * Whether the default only works on a developer's machine: an address on localhost, or a file under
     * {@code .fieldcast/} that {@code ./fieldcast up} writes. In a cluster such a variable must be set.
     */
    boolean defaultPointsAtThisMachine() {
        return defaultValue.map(d -> d.contains("localhost") || d.contains("127.0.0.1") || d.startsWith(".fieldcast/"))
                .orElse(false);
    }

    static List<ConfigReference> in(Path propertiesFile) {
        List<ConfigReference> references = new ArrayList<>();
        Properties properties = load(propertiesFile);
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                references.addAll(inValue(properties.getProperty(key)));
            }
        }
        return references;
    }

    static List<ConfigReference> inValue(String value) {
        List<ConfigReference> references = new ArrayList<>();
        int start = value.indexOf(START);
        while (start >= 0) {
            int end = start + 2;
            while (end < value.length() && (Character.isUpperCase(value.charAt(end))
                    || Character.isDigit(value.charAt(end)) || value.charAt(end) == '_')) {
                end++;
            }
            String variable = value.substring(start + 2, end);
            if (end < value.length() && value.charAt(end) == ':') {
                int close = closingBrace(value, end);
                references.add(new ConfigReference(variable, Optional.of(value.substring(end + 1, close))));
            } else {
                references.add(new ConfigReference(variable, Optional.empty()));
            }
            start = value.indexOf(START, end);
        }
        return references;
    }

    /** The brace that closes the expression whose name ends at {@code from}; defaults may nest {@code ${…}}. */
    private static int closingBrace(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.charAt(i) == '{') {
                depth++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed ${ in " + value);
    }

    /** A properties file as Quarkus reads it (continuation lines, escapes). */
    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
