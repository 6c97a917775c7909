package io.fieldcast.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks a running service's OpenAPI document and calls every operation without a token: each must answer
 * 401 unless it is on the explicit allow-list of public operations ({@code "GET /api/auth/login"} style).
 * An allow-list entry that no longer exists fails too, so the list cannot rot.
 */
public final class OpenApiSecurityAudit {

    private static final String PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000001";

    private OpenApiSecurityAudit() {
    }

    /** Returns every operation found, as {@code "METHOD /path"}. */
    public static Set<String> assertOnlyAllowListedOperationsArePublic(Set<String> publicOperations,
                                                                       String docsToken) {
        JsonPath doc = RestAssured.given().auth().oauth2(docsToken).queryParam("format", "json").get("/q/openapi")
                .then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Set<String> found = new TreeSet<>();
        List<String> open = new ArrayList<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(method -> {
                    String op = method.toUpperCase() + " " + path;
                    found.add(op);
                    if (!publicOperations.contains(op)) {
                        int status = callAnonymously(method, path);
                        if (status != 401) {
                            open.add(op + " answered " + status);
                        }
                    }
                }));
        assertTrue(open.isEmpty(), "operations reachable without a token: " + open);
        Set<String> stale = new TreeSet<>(publicOperations);
        stale.removeAll(found);
        assertEquals(Set.of(), stale, "allow-listed operations that do not exist");
        assertTrue(found.size() > publicOperations.size(), "the walk found no protected operation at all: " + found);
        return found;
    }

    private static int callAnonymously(String method, String path) {
        String concrete = path.replaceAll("\\{[^}]+}", PLACEHOLDER_ID);
        var request = RestAssured.given().contentType("application/json").body("{}");
        return switch (method) {
            case "get" -> request.get(concrete).statusCode();
            case "post" -> request.post(concrete).statusCode();
            case "put" -> request.put(concrete).statusCode();
            case "patch" -> request.patch(concrete).statusCode();
            default -> request.delete(concrete).statusCode();
        };
    }
}
