package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The pod template of a Deployment and its application container (the one named after the Deployment, or the only
 * one), with what the checks ask of them.
 */
record PodTemplate(Manifest deployment) {

    JsonNode spec() {
        return deployment.at("/spec/template/spec");
    }

    JsonNode container() {
        JsonNode containers = spec().path("containers");
        for (JsonNode container : containers) {
            if (container.path("name").asText().equals(deployment.name())) {
                return container;
            }
        }
        if (containers.size() != 1) {
            throw new AssertionError(deployment + ": no container named after it among " + containers.size());
        }
        return containers.get(0);
    }

    Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        deployment.at("/spec/template/metadata/labels").properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** The container port with this name, as a probe's {@code port: http} refers to it. */
    OptionalInt port(String name) {
        for (JsonNode port : container().path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return OptionalInt.of(port.path("containerPort").asInt());
            }
        }
        return OptionalInt.empty();
    }

    /** Where the container mounts volumes that hold only Secrets (a secret volume, or a projection of secrets). */
    List<String> secretMountPaths() {
        List<String> secretVolumes = new ArrayList<>();
        for (JsonNode volume : spec().path("volumes")) {
            if (volume.has("secret") || onlySecrets(volume.path("projected").path("sources"))) {
                secretVolumes.add(volume.path("name").asText());
            }
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode mount : container().path("volumeMounts")) {
            if (secretVolumes.contains(mount.path("name").asText())) {
                paths.add(mount.path("mountPath").asText());
            }
        }
        return paths;
    }

    private static boolean onlySecrets(JsonNode sources) {
        if (sources.isEmpty()) {
            return false;
        }
        for (JsonNode source : sources) {
            if (!source.has("secret")) {
                return false;
            }
        }
        return true;
    }
}
