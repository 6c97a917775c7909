package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document, with what the generator needs: its parameters and its JSON body's
 * schema, every {@code $ref} resolved against the document's components.
 *
 * @param service    the module the operation belongs to
 * @param method     upper case
 * @param path       the template, {@code /api/appointments/{id}}
 * @param parameters path, query and header parameters
 * @param body       the request body's JSON schema (refs resolved), or null when it takes none
 * @param bodyType   the body's media type, or null
 */
record ApiOperation(String service, String method, String path, List<Param> parameters, JsonNode body,
                    String bodyType) {

    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A parameter: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    boolean changes() {
        return CHANGING.contains(method);
    }

    String key() {
        return method + " " + path;
    }

    /** Every operation of one document, in the document's order. */
    static List<ApiOperation> parse(String service, JsonNode document) {
        List<ApiOperation> out = new ArrayList<>();
        JsonNode components = document.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>();
                path.getValue().path("parameters").forEach(declared::add);
                op.getValue().path("parameters").forEach(declared::add);
                for (JsonNode p : declared) {
                    params.add(new Param(p.path("name").asText(), p.path("in").asText(), p.path("required")
                            .asBoolean(false), resolve(p.path("schema"), components, 0)));
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode body = type == null ? null : resolve(content.path(type).path("schema"), components, 0);
                out.add(new ApiOperation(service, op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(params), body, type));
            }
        }
        return out;
    }

    /** A copy of {@code schema} with every {@code $ref} (and allOf of one) replaced by its target, to a depth. */
    static JsonNode resolve(JsonNode schema, JsonNode components, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return schema;
        }
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replaceFirst("^#/components/schemas/", "");
            return resolve(components.path(name), components, depth + 1);
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0), components, depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (schema.has("properties")) {
            ObjectNode props = copy.putObject("properties");
            schema.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(),
                    resolve(e.getValue(), components, depth + 1)));
        }
        if (schema.has("items")) {
            copy.set("items", resolve(schema.path("items"), components, depth + 1));
        }
        if (schema.path("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(schema.path("additionalProperties"), components, depth + 1));
        }
        return copy;
    }
}
