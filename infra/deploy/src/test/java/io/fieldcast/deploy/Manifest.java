package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * One rendered Kubernetes object and the file it came from, so that a failed check names the object and where to
 * fix it.
 */
record Manifest(ObjectNode node, Path source) {

    String apiVersion() {
        return node.path("apiVersion").asText();
    }

    String kind() {
        return node.path("kind").asText();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    String namespace() {
        return node.path("metadata").path("namespace").asText(null);
    }

    /** The node at a JSON pointer, e.g. {@code /spec/replicas}; a missing node when absent. */
    JsonNode at(String pointer) {
        return node.at(pointer);
    }

    /** What a message calls it: {@code Deployment/eta-service}. */
    String id() {
        return kind() + "/" + name();
    }

    @Override
    public String toString() {
        return id() + " (" + source + ")";
    }
}
