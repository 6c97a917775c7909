package io.fieldcast.dispatch.audit;

import io.fieldcast.dispatch.domain.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes who changed what, when and why, in the same transaction as the change. */
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
                .setParameter("before", before == null ? null : Json.write(before))
                .setParameter("after", after == null ? null : Json.write(after))
                .executeUpdate()).replaceWithVoid();
    }
}
