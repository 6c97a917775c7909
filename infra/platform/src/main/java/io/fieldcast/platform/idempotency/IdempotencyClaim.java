package io.fieldcast.platform.idempotency;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What a write does with the request's idempotency key: store its answer inside the write's own transaction, so
 * that the write and the answer a retry gets commit together or not at all. {@link #NONE} (no key sent) stores
 * nothing.
 */
public final class IdempotencyClaim {

    /** The claim of a request sent without a key. */
    public static final IdempotencyClaim NONE = new IdempotencyClaim(null, null, null);

    private final Idempotency idempotency;
    private final IdempotentRequest request;
    private final UUID claim;
    private final AtomicBoolean stored = new AtomicBoolean();

    IdempotencyClaim(Idempotency idempotency, IdempotentRequest request, UUID claim) {
        this.idempotency = idempotency;
        this.request = request;
        this.claim = claim;
    }

    /**
     * Stores {@code answer} (status, its entity as JSON, its {@code Location}) in the caller's transaction. Only a
     * 2xx answer is stored; a client mistake is thrown as an exception instead, which gives the key back.
     */
    public Uni<Void> answer(Response answer) {
        if (this == NONE || answer.getStatus() / 100 != 2) {
            return Uni.createFrom().voidItem();
        }
        return idempotency.store(request, claim, answer).invoke(() -> stored.set(true));
    }

    /** A step for a write's transaction: stores {@code 200} with the write's result as body. */
    public <T> Function<T, Uni<Void>> answersOk() {
        return body -> answer(Response.ok(body).build());
    }

    /** A step for a write's transaction: stores the answer {@code toAnswer} makes of the write's result. */
    public <T> Function<T, Uni<Void>> answers(Function<T, Response> toAnswer) {
        return body -> answer(toAnswer.apply(body));
    }

    boolean stored() {
        return stored.get();
    }

    static String location(Response answer) {
        return answer.getHeaderString(HttpHeaders.LOCATION);
    }
}
