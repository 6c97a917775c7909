package io.fieldcast.notify.webhooks;

import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Outbound webhooks, for admins: subscribe a URL of the company's own systems to appointment and visit events, see
 * each subscription's delivery log, retry a delivery, disable or enable, delete. Every change is audited.
 */
@Path("/api/webhooks")
@Tag(name = "webhooks")
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    private static final int MAX_SUBSCRIPTIONS = 50;

    /** A new subscription: where to post, which events ({@link WebhookEvents#TYPES}), a note for people. */
    public record NewSubscription(@NotBlank @Size(max = 2000) String url,
                                  @NotEmpty @Size(max = 10) List<@NotBlank String> events,
                                  @Size(max = 200) String description) {
    }

    /** A change: enable (which also forgets the failures) or disable. */
    public record Change(@NotNull Boolean active) {
    }

    /** A subscription as admins see it; the secret only in the answer to its creation. */
    public record Subscription(UUID id, String url, List<String> events, String description, boolean active,
                               String disabledReason, int consecutiveFailures, Instant retryAt, Instant createdAt,
                               String createdBy, long pending, long delivered, long failed, String secret) {
    }

    /** One delivery in the log (the body is not shown: it may carry a customer's details). */
    public record Delivery(long id, UUID eventId, String eventType, UUID appointmentId, Instant occurredAt,
                           String state, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
                           Instant createdAt, Instant deliveredAt) {
    }

    private final Pool pool;
    private final AuditLog audit;
    private final JsonWebToken jwt;
    private final Clock clock;
    private final WebhookDeliverer deliverer;

    public WebhookResource(Pool pool, AuditLog audit, JsonWebToken jwt, Clock clock, WebhookDeliverer deliverer) {
        this.pool = pool;
        this.audit = audit;
        this.jwt = jwt;
        this.clock = clock;
        this.deliverer = deliverer;
    }

    @POST
    @Operation(summary = "Subscribe a URL to events (appointment.booked, appointment.rescheduled, "
            + "appointment.canceled, appointment.updated, visit.status-changed); the answer holds the signing secret, "
            + "shown this once")
    public Uni<Response> create(@Valid @NotNull NewSubscription body) {
        String url = checkedUrl(body.url());
        List<String> events = body.events().stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String e : events) {
            if (!WebhookEvents.TYPES.contains(e)) {
                throw ApiException.badRequest("events", "unknown event '" + e + "'; known: " + WebhookEvents.TYPES);
            }
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "select count(*) from webhook_subscription where not deleted", Long.class)
                        .getSingleResult()
                        .chain(count -> {
                            if (count >= MAX_SUBSCRIPTIONS) {
                                throw ApiException.conflict("at most " + MAX_SUBSCRIPTIONS + " subscriptions",
                                        Map.of("subscriptions", count));
                            }
                            return s.createNativeQuery("""
                                            insert into webhook_subscription (id, url, secret, event_types, description,
                                                created_at, created_by)
                                            values (:id, :url, :secret, :events, :description, :at, :by)""")
                                    .setParameter("id", id).setParameter("url", url).setParameter("secret", secret)
                                    .setParameter("events", events.toArray(String[]::new))
                                    .setParameter("description", body.description())
                                    .setParameter("at", now.atOffset(ZoneOffset.UTC))
                                    .setParameter("by", jwt.getName()).executeUpdate();
                        }))
                        .chain(() -> audit.record("webhook", id.toString(), "CREATED", jwt.getName(), null, null,
                                Map.of("url", url, "events", events))))
                .chain(() -> find(id))
                .map(sub -> Response.status(201).entity(withSecret(sub, secret)).build());
    }

    @GET
    @Operation(summary = "Every subscription with its delivery counts")
    public Uni<List<Subscription>> list() {
        return pool.query(SELECT + " where not s.deleted order by s.created_at").execute()
                .map(rows -> {
                    List<Subscription> out = new ArrayList<>();
                    rows.forEach(r -> out.add(subscription(r)));
                    return out;
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription")
    public Uni<Subscription> one(@PathParam("id") UUID id) {
        return find(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Disable or enable a subscription; enabling forgets its failures and delivers what waited")
    public Uni<Subscription> change(@PathParam("id") UUID id, @Valid @NotNull Change body) {
        return find(id).chain(before -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                                .createNativeQuery("""
                                        update webhook_subscription set active = :active,
                                            consecutive_failures = case when :active then 0 else consecutive_failures end,
                                            retry_at = case when :active then null else retry_at end,
                                            disabled_reason = case when :active then null else :reason end
                                        where id = :id and not deleted""")
                                .setParameter("active", body.active()).setParameter("id", id)
                                .setParameter("reason", "disabled by " + jwt.getName()).executeUpdate())
                        .chain(() -> audit.record("webhook", id.toString(), body.active() ? "ENABLED" : "DISABLED",
                                jwt.getName(), null, Map.of("active", before.active()),
                                Map.of("active", body.active()))))
                .chain(() -> find(id))
                .invoke(deliverer::wake));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription: it gets nothing more; its log stays")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return find(id).chain(before -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                                .createNativeQuery("update webhook_subscription set deleted = true, active = false "
                                        + "where id = :id").setParameter("id", id).executeUpdate())
                        .chain(() -> audit.record("webhook", id.toString(), "DELETED", jwt.getName(), null,
                                Map.of("url", before.url()), null))))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log, newest first; state PENDING, DELIVERED or FAILED narrows it")
    public Uni<List<Delivery>> deliveries(@PathParam("id") UUID id,
                                          @QueryParam("state") @Pattern(regexp = "PENDING|DELIVERED|FAILED",
                                                  message = "must be PENDING, DELIVERED or FAILED") String state,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit", "must be 1 to 1000");
        }
        return find(id).chain(sub -> pool.preparedQuery("""
                        select id, event_id, event_type, appointment_id, occurred_at, state, attempts, next_attempt_at,
                               last_status, last_error, created_at, delivered_at
                        from webhook_delivery where subscription_id = $1 and ($2::text is null or state = $2)
                        order by id desc limit $3""").execute(Tuple.of(id, state, limit))
                .map(rows -> {
                    List<Delivery> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Delivery(r.getLong("id"), r.getUUID("event_id"), r.getString("event_type"),
                                r.getUUID("appointment_id"), instant(r, "occurred_at"), r.getString("state"),
                                r.getInteger("attempts"), instant(r, "next_attempt_at"), r.getInteger("last_status"),
                                r.getString("last_error"), instant(r, "created_at"), instant(r, "delivered_at")));
                    }
                    return out;
                }));
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/retry")
    @Operation(summary = "Send a delivery again now (a FAILED one, or a PENDING one without waiting)")
    public Uni<Response> retry(@PathParam("id") UUID id, @PathParam("delivery") long delivery) {
        return find(id).chain(sub -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                                .createNativeQuery("""
                                        update webhook_delivery set state = 'PENDING', next_attempt_at = :now
                                        where id = :delivery and subscription_id = :id and state <> 'DELIVERED'""")
                                .setParameter("now", clock.instant().atOffset(ZoneOffset.UTC))
                                .setParameter("delivery", delivery).setParameter("id", id).executeUpdate())
                        .chain(n -> {
                            if (n == 0) {
                                throw ApiException.notFound("no undelivered delivery " + delivery + " of " + id);
                            }
                            return audit.record("webhook", id.toString(), "RETRIED", jwt.getName(), null, null,
                                    Map.of("delivery", delivery));
                        })))
                .invoke(deliverer::wake)
                .replaceWith(Response.accepted().build());
    }

    private static final String SELECT = """
            select s.*, (select count(*) from webhook_delivery d where d.subscription_id = s.id and d.state = 'PENDING')
                   as pending,
                   (select count(*) from webhook_delivery d where d.subscription_id = s.id and d.state = 'DELIVERED')
                   as delivered,
                   (select count(*) from webhook_delivery d where d.subscription_id = s.id and d.state = 'FAILED')
                   as failed
            from webhook_subscription s""";

    private Uni<Subscription> find(UUID id) {
        return pool.preparedQuery(SELECT + " where s.id = $1 and not s.deleted").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("no webhook subscription " + id);
                    }
                    return subscription(rows.iterator().next());
                });
    }

    private static Subscription subscription(Row r) {
        return new Subscription(r.getUUID("id"), r.getString("url"), List.of(r.getArrayOfStrings("event_types")),
                r.getString("description"), r.getBoolean("active"), r.getString("disabled_reason"),
                r.getInteger("consecutive_failures"), instant(r, "retry_at"), instant(r, "created_at"),
                r.getString("created_by"), r.getLong("pending"), r.getLong("delivered"), r.getLong("failed"), null);
    }

    private static Subscription withSecret(Subscription s, String secret) {
        return new Subscription(s.id(), s.url(), s.events(), s.description(), s.active(), s.disabledReason(),
                s.consecutiveFailures(), s.retryAt(), s.createdAt(), s.createdBy(), s.pending(), s.delivered(),
                s.failed(), secret);
    }

    private static Instant instant(Row r, String column) {
        var value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** An absolute http(s) URL without credentials in it. */
    static String checkedUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("url", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw ApiException.badRequest("url", "must be an absolute http(s) URL");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.badRequest("url", "must not carry a user or password; the signature authenticates");
        }
        return uri.toString();
    }
}
