package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Kustomize's strategic-merge patch, as far as an overlay here may use it: maps merge key by key, a {@code null}
 * removes a key, lists of named items (containers, env, volumes) merge by name in Kubernetes' own kinds, and any
 * other list is replaced whole, as Kustomize does for custom resources whose schema it does not know. Patch
 * directives ({@code $patch}, {@code $setElementOrder}) are refused rather than misread.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    /** Merges {@code patch} into {@code target} in place. */
    static void merge(ObjectNode target, JsonNode patch, boolean builtInKind) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + key + " is not supported by this renderer");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (current instanceof ObjectNode object && value.isObject()) {
                merge(object, value, builtInKind);
            } else if (current instanceof ArrayNode list && value.isArray() && builtInKind && named(list)
                    && named(value)) {
                mergeByName(list, value);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /** Kubernetes' own API groups: the core group, the unqualified ones (apps, policy, ...), and *.k8s.io. */
    static boolean builtIn(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    private static void mergeByName(ArrayNode list, JsonNode patch) {
        for (JsonNode item : patch) {
            ObjectNode existing = find(list, item.get("name").asText());
            if (existing == null) {
                list.add(item.deepCopy());
            } else {
                merge(existing, item, true);
            }
        }
    }

    private static ObjectNode find(ArrayNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asText().equals(name)) {
                return (ObjectNode) item;
            }
        }
        return null;
    }

    private static boolean named(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.hasNonNull("name")) {
                return false;
            }
        }
        return true;
    }
}
