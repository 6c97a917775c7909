package io.fieldcast.platform.outbox;

import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Outbox rows the relay parked because they can never be published as they are: list them, and once the cause is
 * fixed (a release that reads the payload, a corrected row) put one back in line. Every service has it.
 */
@Path("/api/admin/outbox")
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class OutboxAdminResource {

    private static final int PREVIEW_CHARS = 300;

    private final AuditLog audit;
    private final JsonWebToken jwt;

    public OutboxAdminResource(AuditLog audit, JsonWebToken jwt) {
        this.audit = audit;
        this.jwt = jwt;
    }

    /** A parked row: the event it was meant to be, why it was parked, and the start of its payload. */
    public record ParkedRow(long id, String eventId, String topic, String key, String eventType, Instant createdAt,
                            Instant parkedAt, String reason, int payloadChars, String payloadPreview) {
    }

    @GET
    @Path("/parked")
    @Operation(summary = "Outbox rows parked as unpublishable (oldest first), with the reason")
    public Uni<List<ParkedRow>> parked(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select id, cast(event_id as text), topic, msg_key, event_type, created_at, parked_at,
                               park_reason, length(payload), left(payload, :preview)
                        from outbox where parked_at is not null and published_at is null order by id limit :limit""",
                        Object[].class)
                .setParameter("preview", PREVIEW_CHARS)
                .setParameter("limit", limit)
                .getResultList()))
                .map(rows -> rows.stream().map(OutboxAdminResource::parkedRow).toList());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Put a parked row back in line: the relay publishes it next round (it parks it again if "
            + "it still cannot be published)")
    public Uni<Map<String, Object>> retry(@PathParam("id") long id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "select parked_at, park_reason, published_at from outbox where id = :id for update",
                                Object[].class)
                        .setParameter("id", id)
                        .getResultList()
                        .chain(rows -> {
                            if (rows.isEmpty()) {
                                throw ApiException.notFound("outbox row " + id);
                            }
                            Object[] row = rows.getFirst();
                            if (row[0] == null || row[2] != null) {
                                throw ApiException.conflict("outbox row " + id + " is not parked", null);
                            }
                            return s.createNativeQuery("update outbox set parked_at = null, park_reason = null "
                                            + "where id = :id")
                                    .setParameter("id", id)
                                    .executeUpdate()
                                    .chain(() -> audit.record("outbox", String.valueOf(id), "UNPARKED",
                                            jwt.getName(), (String) row[1],
                                            Map.of("parkedAt", instant(row[0]), "reason", String.valueOf(row[1])),
                                            null));
                        })))
                .replaceWith(Map.of("id", id, "status", "queued"));
    }

    private static ParkedRow parkedRow(Object[] r) {
        return new ParkedRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], instant(r[5]), instant(r[6]), (String) r[7], ((Number) r[8]).intValue(),
                (String) r[9]);
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
