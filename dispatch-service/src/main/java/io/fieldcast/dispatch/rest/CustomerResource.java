package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finding a caller: by exact phone number or part of the name. */
@Path("/api/customers")
@Tag(name = "customers")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class CustomerResource {

    /** A customer belongs to the territories of their appointments; a dispatcher sees only those of theirs. */
    private static final String IN_MY_TERRITORIES = "exists (select 1 from Appointment a where a.customerId = c.id"
            + " and a.territoryId in :mine)";

    @Inject
    JsonWebToken jwt;
    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Search customers by phone (exact, E.164) or name (contains), in your territories "
            + "(audited: a search reads customer data)")
    public Uni<List<Customer>> search(@QueryParam("q") @NotBlank @Size(min = 2, max = 100) String q,
                                      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        String term = q.trim();
        Access access = Access.of(jwt);
        Map<String, Object> params = new HashMap<>();
        params.put("phone", term);
        params.put("name", "%" + term.toLowerCase() + "%");
        String scope = "";
        if (access.territoryFilter() != null) {
            scope = " and " + IN_MY_TERRITORIES;
            params.put("mine", access.territoryFilter());
        }
        String query = "from Customer c where (c.phone = :phone or lower(c.name) like :name)"
                + " and c.forgottenAt is null" + scope
                + " order by c.name";
        return Panache.withTransaction(() -> audit.record("customer", AuditLog.searchId(term), "SEARCHED",
                        jwt.getName(),
                        "customer search", null, null)
                .chain(() -> Customer.<Customer>find(query, params).page(0, limit).list()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One customer with an appointment in your territories (audited)")
    public Uni<Customer> get(@PathParam("id") UUID id) {
        Access access = Access.of(jwt);
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        String query = "from Customer c where c.id = :id";
        if (access.territoryFilter() != null) {
            query += " and " + IN_MY_TERRITORIES;
            params.put("mine", access.territoryFilter());
        }
        String q = query;
        return Panache.withTransaction(() -> Customer.<Customer>find(q, params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("customer " + id))
                .call(c -> audit.record("customer", id.toString(), "READ", jwt.getName(), null, null, null)));
    }
}
