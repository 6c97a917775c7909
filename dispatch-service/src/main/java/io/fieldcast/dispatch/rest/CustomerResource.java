package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Finding a caller: by exact phone number or part of the name. */
@Path("/api/customers")
@Tag(name = "customers")
@RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
public class CustomerResource {

    @GET
    @Operation(summary = "Search customers by phone (exact, E.164) or name (contains)")
    public Uni<List<Customer>> search(@QueryParam("q") @NotBlank @Size(min = 2, max = 100) String q,
                                      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        String term = q.trim();
        return Panache.withSession(() -> Customer.<Customer>find("phone = ?1 or lower(name) like ?2 order by name",
                term, "%" + term.toLowerCase() + "%").page(0, limit).list());
    }

    @GET
    @Path("/{id}")
    public Uni<Customer> get(@PathParam("id") UUID id) {
        return Panache.withSession(() -> Customer.<Customer>findById(id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("customer " + id));
    }
}
