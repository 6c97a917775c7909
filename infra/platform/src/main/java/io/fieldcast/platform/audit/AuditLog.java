package io.fieldcast.platform.audit;

import io.fieldcast.platform.security.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fieldcast.events.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes who changed what, when and why, in the same transaction as the change: every service's {@code audit_log}
 * table (created by the platform's migration in each schema).
 */
@ApplicationScoped
public class AuditLog {

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** The entity-id prefix of searches audited by the hash of their term. */
    public static final String SEARCH_PREFIX = "search:sha256:";

    /**
     * The audit entity id of a search for {@code term} (a phone number, part of a name): its SHA-256, trimmed and
     * lower-cased first, never the term itself, so the trail says who searched for whom without keeping a phone
     * number or name that "forget this customer" could not erase from an append-only table. Whoever holds the term can
     * hash it again to find the searches for it (pseudonymous, not anonymous: short terms can be guessed).
     */
    public static String searchId(String term) {
        return SEARCH_PREFIX + Sha256.hex(term.trim().toLowerCase(Locale.ROOT));
    }

    public Uni<Void> record(String entityType, String entityId, String action, String actor, String reason,
                            Object before, Object after) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into audit_log (entity_type, entity_id, action, actor, at, reason, before_json, after_json)
                        values (:type, :id, :action, :actor, :at, :reason, :before, :after)""")
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .setParameter("action", action)
                .setParameter("actor", actor)
                .setParameter("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter("reason", reason)
                .setParameter("before", json(before))
                .setParameter("after", json(after))
                .executeUpdate()).replaceWithVoid();
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write an audit value as JSON: " + value.getClass(), e);
        }
    }
}
