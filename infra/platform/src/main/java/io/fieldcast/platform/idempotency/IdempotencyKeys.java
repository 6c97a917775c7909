package io.fieldcast.platform.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The {@code idempotency_key} table. A key is claimed in a short transaction of its own, committed at once, so that
 * a duplicate (on this instance or another) finds it; the answer is stored by the claiming attempt inside the
 * transaction of its write; a failed attempt gives the key back.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What the table says about a request's key. */
    public sealed interface Outcome {
    }

    /** The key is this attempt's: run the work, then {@link #complete} or {@link #release} with {@code claim}. */
    public record Claimed(UUID claim) implements Outcome {
    }

    /** The same request was answered before: this is the answer to send again. */
    public record Answered(int status, String body, String location) implements Outcome {
    }

    /** The same request is still running (or died less than the in-progress timeout ago). */
    public record InProgress() implements Outcome {
    }

    /** The key was used for another request (method, path or body differ). */
    public record OtherRequest() implements Outcome {
    }

    private static final String WHERE_KEY = " where operation = :op and caller = :caller and idem_key = :key";

    // A row is taken over only when it expired, or when the same request's attempt holding it never finished.
    private static final String CLAIM = """
            insert into idempotency_key (operation, caller, idem_key, fingerprint, claim, created_at, claimed_at)
            values (:op, :caller, :key, :fp, :claim, :now, :now)
            on conflict (operation, caller, idem_key) do update
               set fingerprint = excluded.fingerprint, claim = excluded.claim, completed = false,
                   response_status = null, response_body = null, response_location = null,
                   created_at = case when idempotency_key.created_at < :expired then excluded.created_at
                                     else idempotency_key.created_at end,
                   claimed_at = excluded.claimed_at
             where idempotency_key.created_at < :expired
                or (not idempotency_key.completed and idempotency_key.claimed_at < :stale
                    and idempotency_key.fingerprint = excluded.fingerprint)""";

    private final Clock clock;
    private final IdempotencySettings settings;

    public IdempotencyKeys(Clock clock, IdempotencySettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Claims the key for this request or says why not; run it in a transaction of its own. */
    public Uni<Outcome> claim(IdempotentRequest request) {
        Instant now = clock.instant();
        UUID claim = UUID.randomUUID();
        return Panache.getSession().chain(s -> s.createNativeQuery(CLAIM)
                        .setParameter("op", request.operation())
                        .setParameter("caller", request.caller())
                        .setParameter("key", request.key())
                        .setParameter("fp", request.fingerprint())
                        .setParameter("claim", claim)
                        .setParameter("now", utc(now))
                        .setParameter("expired", utc(now.minus(settings.retention())))
                        .setParameter("stale", utc(now.minus(settings.inProgressTimeout())))
                        .executeUpdate())
                .chain(rows -> rows == 1 ? Uni.createFrom().item(new Claimed(claim)) : existing(request));
    }

    /**
     * Stores the answer of the attempt holding {@code claim}, inside the caller's transaction (the write's). Fails
     * when the claim is no longer this attempt's (a retry took it over after the in-progress timeout), which rolls
     * the write back: of two attempts with one key, only one ever commits.
     */
    public Uni<Void> complete(IdempotentRequest request, UUID claim, int status, String body, String location) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update idempotency_key set completed = true, "
                                + "response_status = :status, response_body = :body, response_location = :location"
                                + WHERE_KEY + " and claim = :claim and not completed")
                        .setParameter("status", status)
                        .setParameter("body", body)
                        .setParameter("location", location)
                        .setParameter("op", request.operation())
                        .setParameter("caller", request.caller())
                        .setParameter("key", request.key())
                        .setParameter("claim", claim)
                        .executeUpdate())
                .invoke(rows -> {
                    if (rows != 1) {
                        throw Idempotency.takenOver();
                    }
                })
                .replaceWithVoid();
    }

    /** Gives the key back after a failed attempt, so that a (corrected) retry runs; run it in its own transaction. */
    public Uni<Void> release(IdempotentRequest request, UUID claim) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from idempotency_key" + WHERE_KEY
                                + " and claim = :claim and not completed")
                        .setParameter("op", request.operation())
                        .setParameter("caller", request.caller())
                        .setParameter("key", request.key())
                        .setParameter("claim", claim)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Deletes keys past their retention; returns how many. */
    public Uni<Integer> purge() {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from idempotency_key where created_at < :t")
                .setParameter("t", utc(clock.instant().minus(settings.retention())))
                .executeUpdate());
    }

    private Uni<Outcome> existing(IdempotentRequest request) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select fingerprint, completed, response_status, "
                                + "response_body, response_location from idempotency_key" + WHERE_KEY, Object[].class)
                        .setParameter("op", request.operation())
                        .setParameter("caller", request.caller())
                        .setParameter("key", request.key())
                        .getResultList())
                .map(rows -> outcome(request, rows));
    }

    private static Outcome outcome(IdempotentRequest request, List<Object[]> rows) {
        if (rows.isEmpty()) {
            // Given back between our insert and this read: the caller may simply try again.
            return new InProgress();
        }
        Object[] row = rows.getFirst();
        if (!request.fingerprint().equals(row[0])) {
            return new OtherRequest();
        }
        if (!Boolean.TRUE.equals(row[1])) {
            return new InProgress();
        }
        return new Answered(((Number) row[2]).intValue(), (String) row[3], (String) row[4]);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
