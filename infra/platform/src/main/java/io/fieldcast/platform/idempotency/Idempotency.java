package io.fieldcast.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.function.Function;

/**
 * Idempotent writes, like Stripe's: a client that sends {@code Idempotency-Key} and retries after a timeout gets the
 * first answer again ({@code Idempotent-Replayed: true}) instead of a second write. The same key with another
 * request is 422; a duplicate while the first still runs is 409. Keys are per caller and per operation, and expire
 * after {@link IdempotencySettings#retention()}. A 2xx answer is stored with the write, in its transaction; a failed
 * attempt (4xx or any error) gives the key back, so a corrected retry runs. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** For the OpenAPI document of each endpoint that takes the header. */
    public static final String HEADER_DOC = "Optional, 1-255 visible ASCII characters (a UUID). A retry with the "
            + "same key and request returns the first answer (header Idempotent-Replayed: true) without doing it "
            + "twice; the same key with another request is 422; while the first is still running, 409. "
            + "Keys are per caller and expire after 24 h.";

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final JsonWebToken jwt;
    private final HttpServerRequest http;

    public Idempotency(IdempotencyKeys keys, ObjectMapper json, JsonWebToken jwt, HttpServerRequest http) {
        this.keys = keys;
        this.json = json;
        this.jwt = jwt;
        this.http = http;
    }

    /**
     * Runs {@code work} at most once per key: {@code work} gets the claim, hands its {@link IdempotencyClaim#answer}
     * step to the write's transaction and returns the answer. {@code operation} names what the key is used for (e.g.
     * {@code appointments.book}); {@code key} is the header's value or null; {@code body} the request as read.
     */
    public Response once(String operation, String key, Object body, Function<IdempotencyClaim, Response> work) {
        if (key == null && http.headers().contains(HEADER)) {
            key = ""; // sent empty: a mistake to name, not a request without a key
        }
        if (key == null) {
            return work.apply(IdempotencyClaim.NONE);
        }
        IdempotentRequest request = IdempotentRequest.of(operation, caller(), key, http.method().name(), http.uri(),
                json(body));
        return switch (Reactive.inTransaction(() -> keys.claim(request))) {
            case IdempotencyKeys.Claimed claimed -> run(request, claimed.claim(), work);
            case IdempotencyKeys.Answered answered -> replay(answered);
            case IdempotencyKeys.InProgress _ -> throw new ApiException(409, "request_in_progress",
                    "a request with this " + HEADER + " is still in progress; retry it later for its answer");
            case IdempotencyKeys.OtherRequest _ -> throw new ApiException(422, "idempotency_key_reused",
                    HEADER + " '" + key + "' was already used for another request; send a new key");
        };
    }

    private Response run(IdempotentRequest request, UUID claim, Function<IdempotencyClaim, Response> work) {
        IdempotencyClaim handle = new IdempotencyClaim(this, request, claim);
        Response answer;
        try {
            answer = work.apply(handle);
        } catch (RuntimeException | Error e) {
            release(request, claim);
            throw e;
        }
        if (!handle.stored()) {
            if (answer.getStatus() / 100 == 2) {
                // The work wrote nothing in a transaction of its own (a change that changed nothing): store now.
                LOG.debugf("%s: answer of %s stored after the work", request.operation(), request.key());
                Reactive.inTransaction(() -> store(request, claim, answer));
            } else {
                release(request, claim);
            }
        }
        return answer;
    }

    Uni<Void> store(IdempotentRequest request, UUID claim, Response answer) {
        String body = answer.hasEntity() ? json(answer.getEntity()) : null;
        return keys.complete(request, claim, answer.getStatus(), body, IdempotencyClaim.location(answer));
    }

    private void release(IdempotentRequest request, UUID claim) {
        try {
            Reactive.inTransaction(() -> keys.release(request, claim));
        } catch (RuntimeException e) {
            // The key stays claimed until the in-progress timeout; a retry until then is told 409.
            LOG.warnf("could not give back %s %s: %s", HEADER, request.key(), e.getMessage());
        }
    }

    private static Response replay(IdempotencyKeys.Answered answered) {
        Response.ResponseBuilder replay = Response.status(answered.status()).header(REPLAYED_HEADER, "true");
        if (answered.body() != null) {
            replay.type(MediaType.APPLICATION_JSON_TYPE).entity(answered.body());
        }
        if (answered.location() != null) {
            replay.header(HttpHeaders.LOCATION, answered.location());
        }
        return replay.build();
    }

    static ApiException takenOver() {
        return new ApiException(409, "request_in_progress", "a retry with this " + HEADER
                + " took over after this attempt ran too long; this attempt was undone");
    }

    private String caller() {
        String subject = jwt.getSubject();
        return subject == null ? String.valueOf(jwt.getName()) : subject;
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
