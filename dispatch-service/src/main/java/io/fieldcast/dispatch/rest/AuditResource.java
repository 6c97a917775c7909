package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The audit trail of one entity: who changed what, when and why. */
@Path("/api/audit")
@Tag(name = "audit")
public class AuditResource {

    public record AuditEntry(long id, String entityType, String entityId, String action, String actor, Instant at,
                             String reason, String before, String after) {
    }

    /** What a dispatcher may read: the day's work. People, territories and job types stay with the admins. */
    static final Set<String> DISPATCHER_ENTITIES = Set.of("appointment", "plan");

    @Inject
    SecurityIdentity caller;
    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.DISPATCHER, Roles.SUPERVISOR})
    @Operation(summary = "Changes to one appointment, technician, territory, job type or plan, a user's logins, "
            + "searches for a customer; oldest first (dispatchers: appointments and plans)")
    public Uni<List<AuditEntry>> trail(
            @QueryParam("entity") @NotBlank @Pattern(regexp = "appointment|technician|territory|job_type|plan|customer|user")
            String entity,
            @QueryParam("id") @NotBlank @Size(max = 100) String id) {
        if (!caller.hasRole(Roles.ADMIN) && !DISPATCHER_ENTITIES.contains(entity)) {
            throw ApiException.forbidden("the audit trail of a " + entity + " needs the admin role");
        }
        Access access = Access.of(jwt);
        // Searches are kept by the hash of their term: "search:<term>" finds them without the table holding it.
        String key = "customer".equals(entity) && id.startsWith("search:") && !id.startsWith(AuditLog.SEARCH_PREFIX)
                ? AuditLog.searchId(id.substring("search:".length())) : id;
        return Panache.withSession(() -> territoryOf(entity, key).invoke(territory -> {
            if (!access.everyTerritory() && (territory == null || !access.sees(territory))) {
                throw ApiException.notFound(entity + " " + id);
            }
        }).chain(ignored -> Panache.getSession()).chain(s -> s.createNativeQuery("""
                        select id, entity_type, entity_id, action, actor, at, reason, before_json, after_json
                        from audit_log where entity_type = :type and entity_id = :id order by id""", Object[].class)
                .setParameter("type", entity)
                .setParameter("id", key)
                .getResultList()))
                .map(rows -> rows.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(), (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], toInstant(r[5]), (String) r[6], (String) r[7],
                        (String) r[8])).toList());
    }

    /** The territory a trail belongs to (appointments and plans are of one territory), null when unknown. */
    private static Uni<String> territoryOf(String entity, String id) {
        if ("plan".equals(entity)) {
            int slash = id.indexOf('/');
            return Uni.createFrom().item(slash < 0 ? id : id.substring(0, slash));
        }
        if ("appointment".equals(entity)) {
            UUID appointment;
            try {
                appointment = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("id", "an appointment id is a UUID");
            }
            return Appointment.<Appointment>findById(appointment).map(a -> a == null ? null : a.territoryId);
        }
        return Uni.createFrom().nullItem();
    }

    private static Instant toInstant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
