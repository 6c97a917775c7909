package io.fieldcast.notify.rest;

import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** What notify will use to reach the customer of an appointment. */
@Path("/api/appointments/{appointmentId}/contact")
@Tag(name = "contacts")
public class ContactResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Contact details and promised window notify holds for an appointment")
    public Uni<AppointmentContact> get(@PathParam("appointmentId") UUID appointmentId) {
        Access access = Access.of(jwt);
        return Panache.withSession(() -> AppointmentContact.<AppointmentContact>findById(appointmentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("appointment " + appointmentId))
                .invoke(c -> access.requireVisible(c.territoryId, "appointment " + appointmentId));
    }
}
