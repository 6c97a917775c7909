package io.fieldcast.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fieldcast.events.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
