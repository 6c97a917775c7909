package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variable of a container's environment as Kubernetes will set it: a literal (from {@code value} or from a
 * ConfigMap, resolved against the rendered objects), a Secret's key (never known here), or a field of the pod.
 * {@code from} says where it comes from, for messages.
 */
record EnvVar(String name, Source source, String value, SecretKey secret, String from) {

    enum Source { LITERAL, SECRET, FIELD, MISSING_CONFIG_MAP }

    record SecretKey(String name, String key) {
    }

    static EnvVar literal(String name, String value, String from) {
        return new EnvVar(name, Source.LITERAL, value, null, from);
    }

    static EnvVar missing(String name, String from) {
        return new EnvVar(name, Source.MISSING_CONFIG_MAP, null, null, from);
    }

    /**
     * The container's environment: whole ConfigMaps first ({@code envFrom}), then {@code env}, which wins. A
     * {@code configMapKeyRef} or {@code envFrom} naming a ConfigMap or key that is not rendered becomes
     * {@link Source#MISSING_CONFIG_MAP} unless it is optional.
     */
    static Map<String, EnvVar> of(PodTemplate pod, Rendered rendered) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (JsonNode source : pod.container().path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            if (configMap == null) {
                continue;
            }
            var map = rendered.find("ConfigMap", configMap);
            if (map.isEmpty() && !source.path("configMapRef").path("optional").asBoolean()) {
                env.put("envFrom:" + configMap, missing("envFrom:" + configMap, "ConfigMap " + configMap));
            }
            map.ifPresent(m -> m.at("/data").properties().forEach(e -> env.put(e.getKey(),
                    literal(e.getKey(), e.getValue().asText(), "ConfigMap " + configMap))));
        }
        for (JsonNode variable : pod.container().path("env")) {
            EnvVar resolved = resolve(variable, rendered);
            if (resolved != null) {
                env.put(resolved.name(), resolved);
            }
        }
        return env;
    }

    private static EnvVar resolve(JsonNode variable, Rendered rendered) {
        String name = variable.path("name").asText();
        if (variable.has("value")) {
            return literal(name, variable.get("value").asText(), "value");
        }
        JsonNode from = variable.path("valueFrom");
        if (from.has("secretKeyRef")) {
            JsonNode ref = from.get("secretKeyRef");
            SecretKey secret = new SecretKey(ref.path("name").asText(), ref.path("key").asText());
            return new EnvVar(name, Source.SECRET, null, secret, "Secret " + secret.name() + " key " + secret.key());
        }
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.get("configMapKeyRef");
            String where = "ConfigMap " + ref.path("name").asText() + " key " + ref.path("key").asText();
            return rendered.configMapValue(ref.path("name").asText(), ref.path("key").asText())
                    .map(value -> literal(name, value, where))
                    .orElse(ref.path("optional").asBoolean() ? null : missing(name, where));
        }
        if (from.has("fieldRef") || from.has("resourceFieldRef")) {
            return new EnvVar(name, Source.FIELD, null, null, from.toString());
        }
        return literal(name, "", "an empty value");
    }
}
