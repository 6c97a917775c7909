package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Kustomize's {@code images} transformer: every container (and init container) whose image has the entry's
 * {@code name} gets its {@code newName}, {@code newTag} or {@code digest}. An entry that matches no container is an
 * error here (Kustomize ignores it), since it is almost always a misspelt image name.
 */
final class Images {

    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");

    private Images() {
    }

    static void apply(List<Manifest> objects, JsonNode entry) {
        String name = entry.path("name").asText();
        int replaced = 0;
        for (Manifest object : objects) {
            replaced += apply(object.node(), entry, name);
        }
        if (replaced == 0) {
            throw new IllegalArgumentException("images: no container runs " + name);
        }
    }

    private static int apply(JsonNode node, JsonNode entry, String name) {
        int replaced = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (CONTAINER_LISTS.contains(field.getKey()) && value.isArray()) {
                for (JsonNode container : value) {
                    if (container.hasNonNull("image") && nameOf(container.get("image").asText()).equals(name)) {
                        ((ObjectNode) container).put("image", replace(container.get("image").asText(), entry));
                        replaced++;
                    }
                }
            } else if (value.isContainerNode()) {
                replaced += value.isArray() ? applyAll(value, entry, name) : apply(value, entry, name);
            }
        }
        return replaced;
    }

    private static int applyAll(JsonNode array, JsonNode entry, String name) {
        int replaced = 0;
        for (JsonNode item : array) {
            if (item.isObject()) {
                replaced += apply(item, entry, name);
            }
        }
        return replaced;
    }

    private static String replace(String image, JsonNode entry) {
        String name = entry.hasNonNull("newName") ? entry.get("newName").asText() : nameOf(image);
        if (entry.hasNonNull("digest")) {
            return name + "@" + entry.get("digest").asText();
        }
        if (entry.hasNonNull("newTag")) {
            return name + ":" + entry.get("newTag").asText();
        }
        return name + image.substring(nameOf(image).length());
    }

    /** The image without tag or digest; a registry's port ({@code host:5000/app}) is part of the name. */
    static String nameOf(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
