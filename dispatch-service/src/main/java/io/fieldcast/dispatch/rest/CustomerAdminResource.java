package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.booking.CustomerForgetting;
import io.fieldcast.dispatch.booking.CustomerForgetting.Forgotten;
import io.fieldcast.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** "Forget this customer": admins only, with a reason, audited; every service erases its share. */
@Path("/api/admin/customers")
@Tag(name = "customers")
@RolesAllowed(Roles.ADMIN)
public class CustomerAdminResource {

    /**
     * Why the customer is forgotten, e.g. the ticket of their request: kept in the audit trail, so it names the
     * request, not the person.
     */
    public record ForgetRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Inject
    JsonWebToken jwt;
    @Inject
    CustomerForgetting forgetting;

    @POST
    @Path("/{id}/forget")
    @Operation(summary = "Erase a customer's personal data here and in every service (admins; audited FORGOTTEN). "
            + "409 while a visit is open; cancelOpen=true cancels booked and scheduled ones first")
    public Forgotten forget(@PathParam("id") UUID id,
                            @QueryParam("cancelOpen") @DefaultValue("false") boolean cancelOpen,
                            @Valid @NotNull ForgetRequest request) {
        return forgetting.forget(id, request.reason().trim(), cancelOpen, jwt.getName());
    }
}
