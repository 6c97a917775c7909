package io.fieldcast.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * One gate for every endpoint of every service that names a territory ({@code territory} or {@code territoryId}, in
 * the path or the query): a console user or integration outside it gets 403 before the endpoint runs. Lists that
 * name no territory are narrowed in their queries ({@link Access#territoryFilter()}). Technician tokens and calls
 * without a token pass through: their endpoints decide (a role check or the technician claim).
 */
@ApplicationScoped
public class TerritoryGuard {

    static final List<String> NAMES = List.of("territory", "territoryId");

    private final CurrentIdentityAssociation identity;

    public TerritoryGuard(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> check(ContainerRequestContext request) {
        List<String> named = named(request.getUriInfo().getPathParameters(), request.getUriInfo()
                .getQueryParameters());
        if (named.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().map(caller -> {
            if (!caller.isAnonymous() && caller.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getClaim(Roles.TECHNICIAN_CLAIM) == null) {
                Access access = Access.of(jwt);
                named.forEach(access::requireTerritory);
            }
            return null;
        });
    }

    private static List<String> named(MultivaluedMap<String, String> path, MultivaluedMap<String, String> query) {
        List<String> out = new ArrayList<>();
        for (String name : NAMES) {
            for (var params : List.of(path, query)) {
                List<String> values = params.get(name);
                if (values != null) {
                    values.stream().filter(v -> v != null && !v.isBlank()).forEach(out::add);
                }
            }
        }
        return out;
    }
}
