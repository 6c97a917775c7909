package io.fieldcast.bench.fuzz;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a Java stack trace, or the name of an exception class or of a framework's internals, in an answer's body. */
final class StackTraces {

    /** Text no answer meant for a client contains: frames, "Caused by", framework package names. */
    static final List<String> MARKERS = List.of("\tat ", "at io.", "at java.", "at org.", "at com.", "Exception:",
            "Caused by:", "org.hibernate", "java.lang.", "java.util.", "io.vertx.", "io.quarkus.", "io.smallrye.",
            "org.jboss.", "com.fasterxml.", "org.postgresql", "io.fieldcast.");
    /** A fully qualified exception or error class, e.g. {@code jakarta.ws.rs.NotFoundException}. */
    static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z][A-Za-z0-9]*"
            + "(Exception|Error)\\b");

    private StackTraces() {
    }

    /** What betrays a stack trace in {@code body} (the marker with a little context), if anything. */
    static Optional<String> find(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        for (String marker : MARKERS) {
            int at = body.indexOf(marker);
            if (at >= 0) {
                return Optional.of(excerpt(body, at));
            }
        }
        Matcher m = CLASS_NAME.matcher(body);
        return m.find() ? Optional.of(excerpt(body, m.start())) : Optional.empty();
    }

    private static String excerpt(String body, int at) {
        int from = Math.max(0, at - 40);
        int to = Math.min(body.length(), at + 120);
        return body.substring(from, to).replaceAll("\\s+", " ");
    }
}
