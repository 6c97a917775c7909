package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Valid-shaped JSON for a schema: every required field, most optional ones, values from {@link Values} by name. */
final class Bodies {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Values values;
    private final Random random;

    Bodies(Values values, Random random) {
        this.values = values;
        this.random = random;
    }

    /**
     * @param pathValues the request's path values: a field named like one (a body {@code id} beside the path's
     *                   {@code {id}}) gets the same value, as the services require
     */
    JsonNode valid(JsonNode schema, ApiOperation op, Identity who, boolean cross, Map<String, String> pathValues) {
        return value("body", schema, op, who, cross, pathValues, 0);
    }

    private JsonNode value(String name, JsonNode schema, ApiOperation op, Identity who, boolean cross,
                           Map<String, String> pathValues, int depth) {
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("fuzz");
        }
        if (pathValues.containsKey(name) && !schema.has("properties")) {
            return NODES.textNode(pathValues.get(name));
        }
        if (("id".equals(name) || "code".equals(name)) && pathValues.size() == 1) {
            return NODES.textNode(pathValues.values().iterator().next());
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        Object named = "body".equals(name) ? null
                : values.named(name, op.path(), schema, who, cross, op.changes());
        if (named != null && !"object".equals(schema.path("type").asText())) {
            return JSON.valueToTree(named);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> object(schema, op, who, cross, pathValues, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    int n = 1 + random.nextInt(2);
                    for (int i = 0; i < n; i++) {
                        array.add(value(singular(name), schema.path("items"), op, who, cross, pathValues, depth + 1));
                    }
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(Math.max(schema.path("minimum").asLong(0), 1)
                    + random.nextInt(3));
            case "number" -> NODES.numberNode(Math.max(schema.path("minimum").asDouble(0), 0.5) + random.nextInt(3));
            case "boolean" -> NODES.booleanNode(random.nextInt(4) > 0);
            default -> NODES.textNode(string(schema));
        };
    }

    private JsonNode object(JsonNode schema, ApiOperation op, Identity who, boolean cross,
                            Map<String, String> pathValues, int depth) {
        ObjectNode out = NODES.objectNode();
        if (depth > 5) {
            return out;
        }
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (required.contains(p.getKey()) || random.nextInt(10) < 7) {
                out.set(p.getKey(), value(p.getKey(), p.getValue(), op, who, cross, pathValues, depth + 1));
            }
        }
        if (schema.path("additionalProperties").isObject() && !schema.has("properties")) {
            out.set("cable", value("value", schema.path("additionalProperties"), op, who, cross, pathValues,
                    depth + 1));
        }
        return out;
    }

    private String string(JsonNode schema) {
        return switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> values.day().toString();
            case "date-time" -> values.day().atStartOfDay().toString() + "Z";
            default -> "fuzz-" + random.nextInt(1000);
        };
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}
