package io.fieldcast.bench.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one request and reads its answer (the first 256 KB; a server-sent event stream only to its headers). */
final class FuzzHttp {

    static final int MAX_BODY = 256 * 1024;
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** The answer: status, its Retry-After and content type, and the body read (text). */
    record Answer(int status, String retryAfter, String contentType, boolean replayed, String body) {
        static Answer failed(String why) {
            return new Answer(-1, null, null, false, why);
        }
    }

    /**
     * HTTP/1.1, as phones and browsers reach the services: on the JDK's HTTP/2 (h2c upgrade), one stream reset by the
     * server for an oversized header left the shared connection answering nothing, and every later request timed out.
     */
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;

    FuzzHttp(Duration timeout) {
        this.timeout = timeout;
    }

    Answer send(String baseUrl, FuzzRequest request) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery())).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return Answer.failed("unsendable URI: " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        b.method(request.operation().method(), body);
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        if (request.identity().token() != null) {
            b.header("Authorization", "Bearer " + request.identity().token());
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase()) && !"authorization".equalsIgnoreCase(h.getKey())) {
                try {
                    b.setHeader(h.getKey(), h.getValue());
                } catch (IllegalArgumentException refused) {
                    // a value the client will not put on the wire (control characters): sent without it
                }
            }
        }
        return exchange(b.build());
    }

    Answer exchange(HttpRequest request) {
        try {
            // The request's own timeout was seen not to fire on a connection whose answer never came: a hard one.
            var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response;
            try {
                response = pending.get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                return Answer.failed("no answer within " + (timeout.toSeconds() + 5) + " s");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (InputStream in = response.body()) {
                text = type.startsWith("text/event-stream") ? "" : new String(in.readNBytes(MAX_BODY),
                        StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), type,
                    response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false),
                    text);
        } catch (IOException e) {
            return Answer.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        }
    }
}
