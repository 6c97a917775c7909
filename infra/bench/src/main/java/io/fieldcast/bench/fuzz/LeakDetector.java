package io.fieldcast.bench.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds identifiers a caller must not see in an answer: the first one the body contains that the request did not
 * carry itself (an answer echoing what the caller sent tells them nothing new).
 */
final class LeakDetector {

    private final Map<String, String> forbidden;

    /** @param forbidden each identifier that must not come back, with what it is (for the report) */
    LeakDetector(Map<String, String> forbidden) {
        this.forbidden = new LinkedHashMap<>(forbidden);
    }

    /** The first forbidden identifier in {@code body} and not in {@code request}, as "identifier (what)". */
    Optional<String> find(String body, String request) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        for (var e : forbidden.entrySet()) {
            if (body.contains(e.getKey()) && (request == null || !request.contains(e.getKey()))) {
                return Optional.of(e.getKey() + " (" + e.getValue() + ")");
            }
        }
        return Optional.empty();
    }

    int size() {
        return forbidden.size();
    }
}
