package io.fieldcast.deploy;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** What is wrong across all objects, so that one run names every offender rather than the first. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String problem) {
        found.add(problem);
    }

    void unless(boolean ok, String problem) {
        if (!ok) {
            found.add(problem);
        }
    }

    void assertNone(String rule) {
        if (!found.isEmpty()) {
            fail(rule + ":\n  " + String.join("\n  ", found));
        }
    }
}
