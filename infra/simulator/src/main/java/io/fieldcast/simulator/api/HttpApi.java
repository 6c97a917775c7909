package io.fieldcast.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * JSON over HTTP with what a well-behaved client does: waits and retries on 429 and 503 (honouring Retry-After) and
 * on dropped connections, a bounded number of times. Anything else outside {@code accepted} is an
 * {@link ApiCallException}.
 */
public class HttpApi {

    static final int MAX_ATTEMPTS = 8;

    /** An answer: status and parsed body (a missing node when empty). */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpClient client;
    private final URI base;

    public HttpApi(HttpClient client, String baseUrl) {
        this.client = client;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    public Answer call(String method, String path, Object body, String token, Set<Integer> accepted) {
        String json;
        try {
            json = body == null ? null : Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        IOException lastError = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status == 429 || status == 503) && attempt < MAX_ATTEMPTS) {
                    sleep(retryAfterMillis(response, attempt));
                    continue;
                }
                if (!accepted.contains(status)) {
                    throw new ApiCallException(method + " " + path, status, response.body());
                }
                return new Answer(status, parse(response.body()));
            } catch (IOException e) {
                lastError = e;
                sleep(250L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new ApiCallException(method + " " + path, -1, "no answer after " + MAX_ATTEMPTS + " attempts: "
                + (lastError == null ? "still 429/503" : lastError));
    }

    public String baseUrl() {
        return base.toString();
    }

    private static long retryAfterMillis(HttpResponse<?> response, int attempt) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Math.max(100, (long) (Double.parseDouble(v) * 1000));
            } catch (NumberFormatException e) {
                return 1000L;
            }
        }).orElse(200L * attempt);
    }

    private static JsonNode parse(String body) throws IOException {
        return body == null || body.isBlank() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
