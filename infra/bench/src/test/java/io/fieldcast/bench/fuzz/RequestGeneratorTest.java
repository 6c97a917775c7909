package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator reads an OpenAPI document, is deterministic per seed, and makes each kind of bad request. */
class RequestGeneratorTest {

    static final String DOC = """
            {"paths":{
              "/api/technicians/{id}":{"put":{"parameters":[{"name":"id","in":"path","required":true,
                  "schema":{"type":"string"}}],
                "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Tech"}}}}},
                "get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}]}},
              "/api/appointments":{"get":{"parameters":[{"name":"territory","in":"query","schema":{"type":"string"}},
                  {"name":"date","in":"query","schema":{"type":"string","format":"date"}}]}}},
             "components":{"schemas":{"Tech":{"type":"object","required":["id","territoryId","homeLat"],
               "properties":{"id":{"type":"string"},"territoryId":{"type":"string"},"homeLat":{"type":"number"},
               "status":{"type":"string","enum":["ACTIVE","GONE"]},"name":{"type":"string"}}}}}}
            """;
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    static List<ApiOperation> operations() throws Exception {
        return ApiOperation.parse("dispatch-service", Bodies.JSON.readTree(DOC));
    }

    static final Identity DISPATCHER = new Identity("dispatcher-a", "t", Identity.Scope.TERRITORY_A, null);

    @Test
    void operationsParsedWithRefsResolved() throws Exception {
        List<ApiOperation> ops = operations();
        assertEquals(List.of("PUT /api/technicians/{id}", "GET /api/technicians/{id}", "GET /api/appointments"),
                ops.stream().map(ApiOperation::key).toList());
        assertEquals("object", ops.getFirst().body().path("type").asText());
        assertTrue(ops.getFirst().body().path("properties").has("homeLat"));
    }

    @Test
    void sameSeedSameRequests() throws Exception {
        assertEquals(run(7), run(7));
        assertNotEquals(run(7), run(8));
    }

    @Test
    void validPutCarriesThePathIdInItsBodyAndEveryRequiredField() throws Exception {
        RequestGenerator g = new RequestGenerator(DetectorsTest.world(), 1, ZONE);
        ApiOperation put = operations().getFirst();
        for (int i = 0; i < 50; i++) {
            FuzzRequest r = g.make(put, DISPATCHER, "valid");
            JsonNode body = Bodies.JSON.readTree(r.body());
            assertEquals(r.pathAndQuery(), "/api/technicians/" + body.path("id").asText());
            assertTrue(body.has("territoryId") && body.path("homeLat").isNumber(), r.body());
            assertFalse(r.pathAndQuery().contains("tech-n1") || r.pathAndQuery().contains("tech-s1"),
                    "a change never targets a technician whose phone holds a token: " + r.pathAndQuery());
        }
    }

    @Test
    void everyMutationBreaksTheRequest() throws Exception {
        RequestGenerator g = new RequestGenerator(DetectorsTest.world(), 3, ZONE);
        ApiOperation put = operations().getFirst();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            String body = g.make(put, DISPATCHER, "oversized").body();
            if (body.length() >= RequestGenerator.OVERSIZED_CHARS) {
                seen.add("oversized");
            }
            String malformed = g.make(put, DISPATCHER, "malformed-json").body();
            if (!parses(malformed)) {
                seen.add("malformed-json");
            }
            if (g.make(put, DISPATCHER, "unknown-enum").body().contains("NOT_A_VALUE_")) {
                seen.add("unknown-enum");
            }
            String huge = g.make(put, DISPATCHER, "huge-number").body();
            if (huge.contains("99999999999999999999") || huge.contains("E+308") || huge.contains("9223372036854775807")) {
                seen.add("huge-number");
            }
        }
        assertEquals(Set.of("huge-number", "malformed-json", "oversized", "unknown-enum"), seen);
    }

    @Test
    void crossOwnerRequestsNameTheOtherTerritory() throws Exception {
        RequestGenerator g = new RequestGenerator(DetectorsTest.world(), 5, ZONE);
        ApiOperation list = operations().get(2);
        int other = 0;
        for (int i = 0; i < 100; i++) {
            String path = g.make(list, DISPATCHER, "cross-owner").pathAndQuery();
            other += path.contains("territory=south") ? 1 : 0;
            assertFalse(path.contains("territory=north"), path);
        }
        assertTrue(other > 30, "the territory parameter is left out now and then, named B otherwise: " + other);
    }

    private static boolean parses(String json) {
        try {
            Bodies.JSON.readTree(json);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> run(long seed) throws Exception {
        RequestGenerator g = new RequestGenerator(DetectorsTest.world(), seed, ZONE);
        List<ApiOperation> ops = operations();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FuzzRequest r = g.make(ops.get(i % ops.size()), DISPATCHER, g.drawMutation());
            out.add(r.mutation() + " " + r.pathAndQuery() + " " + r.headers() + " " + r.body());
        }
        return out;
    }
}
