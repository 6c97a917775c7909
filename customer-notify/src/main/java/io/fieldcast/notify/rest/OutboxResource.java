package io.fieldcast.notify.rest;

import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The dispatcher's view of every message notify queued or sent. {@code GET /outbox} is a static page (no data in
 * it, so public) whose script calls {@code GET /api/outbox} with the dispatcher's bearer token from localStorage:
 * a plain browser navigation cannot carry a bearer token.
 */
@Path("/")
@Tag(name = "outbox")
public class OutboxResource {

    /** One notification as dispatchers see it. */
    public record OutboxMessage(long id, UUID appointmentId, String kind, String medium, String channel,
                                String recipient, String language, String subject, String body, String state,
                                int attempts, Instant nextAttemptAt, String lastError, String providerMessageId,
                                String deliveryStatus, Instant createdAt, Instant handedAt) {
    }

    private final Pool pool;
    private final JsonWebToken jwt;

    public OutboxResource(Pool pool, JsonWebToken jwt) {
        this.pool = pool;
        this.jwt = jwt;
    }

    @GET
    @Path("outbox")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Dispatcher outbox page (static; its script reads /api/outbox with the user's token)")
    public String page() {
        try (InputStream in = OutboxResource.class.getResourceAsStream("/web/outbox.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("api/outbox")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Latest notifications, newest first; optionally of one appointment")
    public Uni<List<OutboxMessage>> list(@QueryParam("appointmentId") UUID appointmentId,
                                         @QueryParam("limit") @DefaultValue("200") int limit) {
        int capped = Math.max(1, Math.min(limit, 1000));
        Access access = Access.of(jwt);
        List<String> where = new ArrayList<>();
        Tuple args = Tuple.of(capped);
        if (appointmentId != null) {
            args.addUUID(appointmentId);
            where.add("n.appointment_id = $" + args.size());
        }
        if (access.territoryFilter() != null) {
            // Texts of the caller's territories only, by the territory of the appointment they are about.
            args.addArrayOfString(access.territoryFilter().toArray(String[]::new));
            where.add("exists (select 1 from appointment_contact c where c.appointment_id = n.appointment_id"
                    + " and c.territory_id = any($" + args.size() + "))");
        }
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        return pool.preparedQuery("select n.* from notification n" + filter + " order by n.id desc limit $1")
                .execute(args)
                .map(rows -> {
                    List<OutboxMessage> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(map(r));
                    }
                    return out;
                });
    }

    private static OutboxMessage map(Row r) {
        return new OutboxMessage(r.getLong("id"), r.getUUID("appointment_id"), r.getString("kind"),
                r.getString("medium"), r.getString("channel"), r.getString("recipient"), r.getString("language"),
                r.getString("subject"), r.getString("body"), r.getString("state"), r.getInteger("attempts"),
                instant(r, "next_attempt_at"), r.getString("last_error"), r.getString("provider_message_id"),
                r.getString("delivery_status"), instant(r, "created_at"), instant(r, "handed_at"));
    }

    private static Instant instant(Row r, String column) {
        var value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
