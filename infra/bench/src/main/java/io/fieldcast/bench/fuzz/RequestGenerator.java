package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes requests for an operation, deterministically from one {@link Random}: a valid-shaped one, then broken in one
 * way — malformed JSON, a wrong type, required fields left out, an oversized string, a huge number, an invalid UUID
 * or date, an unknown enum value, ids of the other territory or technician, garbage headers.
 */
final class RequestGenerator {

    /** Each mutation with its weight (out of the sum). */
    static final Map<String, Integer> MUTATIONS = weights();
    static final int OVERSIZED_CHARS = 100 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> BAD_JSON = List.of("{", "{\"a\":", "[1,2", "nul", "{\"a\" 1}", "\"unterminated",
            "{}}", "\u0000\u0001\u0002", "<xml/>", "{\"a\":1,,}", "[".repeat(5000), "{\"a\":".repeat(3000));
    private static final List<String> BAD_FORMATS = List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000G",
            "2026-02-30", "2026-13-45", "0000-00-00T25:61:00Z", "+999999999-01-01", "yesterday", "", " ", "%00",
            "../../etc/passwd", "' or 1=1 --", "𝓯𝓾𝔃𝔃", "NaN", "-0", "1e400");
    private static final List<JsonNode> HUGE = List.of(NODES.numberNode(new java.math.BigInteger(
            "99999999999999999999999999999999")), NODES.numberNode(1e308), NODES.numberNode(-1e308),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Integer.MAX_VALUE + 1L),
            NODES.numberNode(-1), NODES.numberNode(new java.math.BigDecimal("1e-400")));

    private final Random random;
    private final Values values;
    private final Bodies bodies;

    RequestGenerator(World world, long seed, java.time.ZoneId zone) {
        this.random = new Random(seed);
        this.values = new Values(world, random, zone);
        this.bodies = new Bodies(values, random);
    }

    /** A mutation drawn by weight. */
    String drawMutation() {
        int total = MUTATIONS.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (var e : MUTATIONS.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    Random random() {
        return random;
    }

    FuzzRequest make(ApiOperation op, Identity who, String mutation) {
        boolean cross = mutation.equals("cross-owner");
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<ApiOperation.Param> params = op.parameters();
        ApiOperation.Param broken = params.isEmpty() ? null : params.get(random.nextInt(params.size()));
        for (ApiOperation.Param p : params) {
            boolean path = "path".equals(p.in());
            if (!path && !p.required() && random.nextInt(3) == 0) {
                continue;
            }
            if (mutation.equals("missing-required") && p == broken && !path) {
                continue;
            }
            Object v = values.named(p.name(), op.path(), p.schema(), who, cross, op.changes());
            String text = v == null ? scalar(p.schema()) : String.valueOf(v);
            if (p == broken) {
                text = breakText(mutation, text, p.schema());
            }
            switch (p.in()) {
                case "path" -> pathValues.put(p.name(), text);
                case "query" -> query.put(p.name(), text);
                case "header" -> headers.put(p.name(), text);
                default -> { }
            }
        }
        String body = null;
        String contentType = op.bodyType();
        if (op.body() != null || mutation.equals("malformed-json") && op.changes()) {
            JsonNode valid = op.body() == null ? NODES.objectNode() : bodies.valid(op.body(), op, who, cross,
                    pathValues);
            body = switch (mutation) {
                case "malformed-json" -> BAD_JSON.get(random.nextInt(BAD_JSON.size()));
                case "wrong-type", "oversized", "huge-number", "invalid-format", "unknown-enum", "missing-required" ->
                        breakBody(mutation, valid).toString();
                default -> valid.toString();
            };
            if (contentType == null || contentType.contains("*")) {
                contentType = "application/json";
            }
        }
        if (mutation.equals("headers") || random.nextInt(10) == 0) {
            garbageHeaders(headers);
            if (mutation.equals("headers") && body != null && random.nextBoolean()) {
                contentType = random.nextBoolean() ? "text/plain" : "application/json; charset=ebcdic";
            }
        }
        return new FuzzRequest(op, who, mutation, pathAndQuery(op.path(), pathValues, query), headers, body,
                contentType);
    }

    private String breakText(String mutation, String text, JsonNode schema) {
        return switch (mutation) {
            case "wrong-type" -> random.nextBoolean() ? "{\"a\":1}" : (schema.path("type").asText().equals("string")
                    ? "12345" : "abc");
            case "oversized" -> "x".repeat(random.nextBoolean() ? 5000 : OVERSIZED_CHARS);
            case "huge-number" -> HUGE.get(random.nextInt(HUGE.size())).toString();
            case "invalid-format" -> BAD_FORMATS.get(random.nextInt(BAD_FORMATS.size()));
            case "unknown-enum" -> "NOT_A_VALUE_" + random.nextInt(100);
            default -> text;
        };
    }

    /** The valid body broken in one field (or as a whole). */
    private JsonNode breakBody(String mutation, JsonNode valid) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(valid, objects);
        if (objects.isEmpty() || mutation.equals("missing-required") && random.nextInt(4) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> NODES.objectNode();
                case 1 -> NODES.nullNode();
                case 2 -> NODES.arrayNode();
                default -> mutation.equals("oversized") ? NODES.textNode("x".repeat(OVERSIZED_CHARS))
                        : NODES.numberNode(7);
            };
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        if (fields.isEmpty()) {
            target.put("unexpected", "x".repeat(mutation.equals("oversized") ? OVERSIZED_CHARS : 3));
            return valid;
        }
        String field = fields.get(random.nextInt(fields.size()));
        JsonNode current = target.get(field);
        switch (mutation) {
            case "missing-required" -> target.remove(field);
            case "wrong-type" -> target.set(field, wrongType(current));
            case "oversized" -> {
                if (current.isArray() && random.nextBoolean()) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < 5000; i++) {
                        many.add(current.isEmpty() ? NODES.textNode("x") : current.get(0));
                    }
                    target.set(field, many);
                } else {
                    target.put(field, "x".repeat(OVERSIZED_CHARS));
                }
            }
            case "huge-number" -> target.set(field, HUGE.get(random.nextInt(HUGE.size())));
            case "invalid-format" -> target.put(field, BAD_FORMATS.get(random.nextInt(BAD_FORMATS.size())));
            case "unknown-enum" -> target.put(field, "NOT_A_VALUE_" + random.nextInt(100));
            default -> { }
        }
        return valid;
    }

    private JsonNode wrongType(JsonNode current) {
        if (current == null || current.isTextual()) {
            return switch (random.nextInt(4)) {
                case 0 -> NODES.numberNode(42);
                case 1 -> NODES.booleanNode(true);
                case 2 -> NODES.objectNode().put("nested", "x");
                default -> NODES.arrayNode().add("x");
            };
        }
        return random.nextBoolean() ? NODES.textNode("not-a-" + current.getNodeType().name().toLowerCase())
                : NODES.arrayNode().add(current);
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        node.forEach(child -> collect(child, out));
    }

    private void garbageHeaders(Map<String, String> headers) {
        List<String> junk = List.of("", " ", "x".repeat(3000), "null", "\u00e9\u00e8", "../", "a,b,c", "%00%ff",
                "-1", "9".repeat(40));
        headers.put("Idempotency-Key", junk.get(random.nextInt(junk.size())));
        if (random.nextBoolean()) {
            headers.put("If-Match", junk.get(random.nextInt(junk.size())));
        }
        if (random.nextBoolean()) {
            headers.put("X-Forwarded-For", junk.get(random.nextInt(junk.size())));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", random.nextBoolean() ? "application/xml" : "*/*;q=garbage");
        }
    }

    private String scalar(JsonNode schema) {
        return switch (schema == null ? "" : schema.path("format").asText("")) {
            case "uuid" -> java.util.UUID.randomUUID().toString();
            case "date" -> values.day().toString();
            case "date-time" -> values.day().atStartOfDay() + "Z";
            case "int32", "int64" -> String.valueOf(random.nextInt(10));
            default -> schema != null && schema.path("enum").isArray() && !schema.path("enum").isEmpty()
                    ? schema.path("enum").get(random.nextInt(schema.path("enum").size())).asText()
                    : schema != null && "integer".equals(schema.path("type").asText()) ? "1" : "fuzz";
        };
    }

    static String pathAndQuery(String template, Map<String, String> pathValues, Map<String, String> query) {
        String path = template;
        for (var e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", encode(e.getValue()));
        }
        path = path.replaceAll("\\{[^}]+}", "x");
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        query.forEach((k, v) -> out.append(encode(k)).append('=').append(encode(v)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Integer> weights() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("valid", 28);
        w.put("cross-owner", 14);
        w.put("malformed-json", 8);
        w.put("wrong-type", 11);
        w.put("missing-required", 8);
        w.put("oversized", 9);
        w.put("huge-number", 7);
        w.put("invalid-format", 7);
        w.put("unknown-enum", 4);
        w.put("headers", 4);
        return java.util.Collections.unmodifiableMap(w);
    }
}
