package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.plan.PlanSolves;
import io.fieldcast.platform.cluster.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Sends a {@link HeldSolve} request to the sibling instance that holds the territory-day's solve, while it lives;
 * otherwise (held here, held by nobody, or its holder gone) the request is answered here.
 */
public class HeldSolveForwarding {

    /** Publishing sends every technician's route: allow it the time it takes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PlanSolves solves;
    private final Forwarder forwarder;

    public HeldSolveForwarding(PlanSolves solves, Forwarder forwarder) {
        this.solves = solves;
        this.forwarder = forwarder;
    }

    @ServerRequestFilter
    public Uni<Response> forward(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(HeldSolve.class)
                || Forwarder.wasForwarded(request)) {
            return Uni.createFrom().nullItem();
        }
        var params = request.getUriInfo().getPathParameters();
        LocalDate date;
        try {
            date = LocalDate.parse(params.getFirst("date"));
        } catch (DateTimeParseException | NullPointerException e) {
            return Uni.createFrom().nullItem(); // the endpoint says what is wrong with it
        }
        return solves.findAsync(params.getFirst("territoryId"), date)
                .chain(held -> held.filter(h -> h.alive() && !h.instance().equals(solves.me()))
                        .map(h -> forwarder.forward(h.url(), request, TIMEOUT))
                        .orElseGet(() -> Uni.createFrom().nullItem()));
    }
}
