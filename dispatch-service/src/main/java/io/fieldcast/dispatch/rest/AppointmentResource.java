package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.booking.AppointmentChanges;
import io.fieldcast.dispatch.booking.AppointmentDtos.AppointmentView;
import io.fieldcast.dispatch.booking.AppointmentDtos.BookRequest;
import io.fieldcast.dispatch.booking.AppointmentDtos.CancelRequest;
import io.fieldcast.dispatch.booking.AppointmentDtos.ChangeRequest;
import io.fieldcast.dispatch.booking.AppointmentDtos.RescheduleRequest;
import io.fieldcast.dispatch.booking.BookingService;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.idempotency.Idempotency;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Booking and changing appointments (dispatchers, often on the phone with the customer). Every write takes an
 * optional {@code Idempotency-Key}: a client retrying after a timeout never books, moves or cancels twice.
 */
@Path("/api/appointments")
@Tag(name = "appointments")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class AppointmentResource {

    @Inject
    BookingService booking;
    @Inject
    AppointmentChanges changes;
    @Inject
    JsonWebToken jwt;
    @Inject
    AuditLog audit;
    @Inject
    Idempotency idempotency;

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    @POST
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Book a promised window; 409 with the next best slots when it cannot be served")
    @APIResponseSchema(value = AppointmentView.class, responseCode = "201")
    public Response book(@HeaderParam(Idempotency.HEADER) @Parameter(description = Idempotency.HEADER_DOC) String key,
                         @Valid @NotNull BookRequest request) {
        return idempotency.once("appointments.book", key, request, claim -> created(
                booking.book(request, Access.of(jwt), claim.answers(AppointmentResource::created))));
    }

    private static Response created(AppointmentView booked) {
        return Response.status(201).entity(booked).header("Location", "/api/appointments/" + booked.id()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One appointment with its place in the current plan")
    public Uni<AppointmentView> get(@PathParam("id") UUID id) {
        Access access = Access.of(jwt);
        return Panache.withSession(() -> Appointment.<Appointment>findById(id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("appointment " + id))
                .invoke(a -> access.requireVisible(a.territoryId, "appointment " + id))
                .map(AppointmentView::of);
    }

    @GET
    @Operation(summary = "Appointments filtered by territory, date, status, technician, or customer phone/name")
    public Uni<Page<AppointmentView>> list(@QueryParam("territory") @Size(max = 40) String territory,
                                           @QueryParam("date") LocalDate date,
                                           @QueryParam("status") AppointmentStatus status,
                                           @QueryParam("technician") @Size(max = 64) String technician,
                                           @QueryParam("q") @Size(max = 100) String q,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Access access = Access.of(jwt);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (territory != null) {
            access.requireTerritory(territory);
        }
        if (access.territoryFilter() != null) {
            where.append(" and territoryId in :mine");
            params.put("mine", access.territoryFilter());
        }
        if (territory != null) {
            where.append(" and territoryId = :territory");
            params.put("territory", territory);
        }
        if (date != null) {
            where.append(" and serviceDate = :date");
            params.put("date", date);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (technician != null) {
            where.append(" and technicianId = :technician");
            params.put("technician", technician);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and customerId in (select c.id from Customer c where c.phone = :phone"
                    + " or lower(c.name) like :name)");
            params.put("phone", q.trim());
            params.put("name", "%" + q.trim().toLowerCase() + "%");
        }
        String query = where + " order by serviceDate, windowStart, id";
        // A search by customer name or phone reads customer data: who searched for whom is audited.
        Uni<Void> audited = q == null || q.isBlank() ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> audit.record("customer", AuditLog.searchId(q), "SEARCHED",
                        jwt.getName(), territory != null ? "territory " + territory : access.everyTerritory()
                                ? "all territories" : "territories " + String.join(", ", access.territoryFilter()),
                        null, null));
        return audited.chain(() -> Panache.withSession(() -> {
            var found = Appointment.<Appointment>find(query, params);
            return found.page(page, size).list()
                    .chain(items -> found.count().map(total -> new Page<>(items.stream()
                            .map(AppointmentView::of).toList(), page, size, total)));
        }));
    }

    @PUT
    @Path("/{id}/window")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Move to another window; re-validates capacity (409 with alternatives)")
    @APIResponseSchema(AppointmentView.class)
    public Response reschedule(@PathParam("id") UUID id,
                               @HeaderParam(Idempotency.HEADER) @Parameter(description = Idempotency.HEADER_DOC)
                               String key, @Valid @NotNull RescheduleRequest request) {
        return idempotency.once("appointments.reschedule", key, request, claim ->
                Response.ok(changes.reschedule(id, request, Access.of(jwt), claim.answersOk())).build());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Cancel; frees the capacity")
    @APIResponseSchema(AppointmentView.class)
    public Response cancel(@PathParam("id") UUID id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(description = Idempotency.HEADER_DOC)
                           String key, @Valid CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return idempotency.once("appointments.cancel", key, request, claim -> Response.ok(
                changes.cancel(id, reason, Access.of(jwt), "dispatcher", claim.answersOk())).build());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Change job type, priority or notes; a new job type re-validates capacity")
    @APIResponseSchema(AppointmentView.class)
    public Response change(@PathParam("id") UUID id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(description = Idempotency.HEADER_DOC)
                           String key, @Valid @NotNull ChangeRequest request) {
        return idempotency.once("appointments.change", key, request, claim ->
                Response.ok(changes.change(id, request, Access.of(jwt), claim.answersOk())).build());
    }
}
