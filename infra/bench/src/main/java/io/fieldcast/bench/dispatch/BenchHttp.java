package io.fieldcast.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The dispatch API as benchmarks call it: JSON in and out, a bearer token after login. */
final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String token;

    BenchHttp(String base) {
        this.base = base;
    }

    void login(String user, String password) throws Exception {
        token = post("/api/auth/login", Map.of("username", user, "password", password)).get("token").asText();
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET()).body());
    }

    JsonNode post(String path, Object body) throws Exception {
        return JSON.readTree(postRaw(path, body).body());
    }

    HttpResponse<String> postRaw(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").POST(body(body)));
    }

    void put(String path, Object body) throws Exception {
        var response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").PUT(body(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher body(Object value) throws Exception {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    URI uri(String path) {
        return URI.create(base + path);
    }
}
