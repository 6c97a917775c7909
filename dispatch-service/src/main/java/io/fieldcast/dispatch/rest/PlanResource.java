package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.plan.PlanAnalyzer;
import io.fieldcast.dispatch.plan.DaySheet;
import io.fieldcast.dispatch.plan.PlanJobs;
import io.fieldcast.dispatch.plan.PlanPublisher;
import io.fieldcast.dispatch.plan.PlanService;
import io.fieldcast.dispatch.plan.PlanTimeline;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/plans/{territoryId}")
@Tag(name = "plans")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class PlanResource {

    @Inject
    PlanService plans;
    @Inject
    PlanJobs jobs;
    @Inject
    Replanner replanner;
    @Inject
    PlanPublisher publisher;
    @Inject
    JsonWebToken jwt;
    @Inject
    DaySheet daySheet;

    /**
     * How often the plan changed under each technician on a day: {@code versions} routes sent per technician, their
     * median and maximum (1 = the route the technician started with was never re-sent).
     */
    public record RouteVersions(Map<String, Integer> technicians, int p50, int max) {

        static RouteVersions of(Map<String, Integer> byTechnician) {
            List<Integer> counts = byTechnician.values().stream().sorted().toList();
            return new RouteVersions(byTechnician, counts.isEmpty() ? 0 : counts.get((counts.size() - 1) / 2),
                    counts.isEmpty() ? 0 : counts.getLast());
        }
    }

    /** {@code seconds}: 1 up to {@code fieldcast.plan.max-solve-time}, checked in one place ({@code PlanService}). */
    public record SolveRequest(Integer seconds) {
    }

    public record PinRequest(@NotBlank @Size(max = 40) String technicianId, @NotNull @Min(0) @Max(500) Integer position) {
    }

    public record ReplanRequest(@Size(max = 200) String reason) {
    }

    public record WeightsRequest(@NotNull Map<String, String> weights) {
    }

    @POST
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/solve")
    @Operation(summary = "Start solving the territory-day in the background; watch …/events, then publish")
    public Response solve(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                          @Valid SolveRequest request) {
        var job = plans.solve(territoryId, date(date), request == null ? null : request.seconds(), jwt.getName());
        return Response.accepted(jobs.progress(job)).build();
    }

    @GET
    @Path("/{date}")
    @Operation(summary = "Progress of the latest solve: status, best score, assigned, late, travel")
    public PlanJobs.Progress status(@PathParam("territoryId") String territoryId, @PathParam("date") String date) {
        return plans.progress(territoryId, date(date));
    }

    @GET
    @Path("/{date}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking // where the solve runs is looked up in the database first
    @Operation(summary = "Server-sent events: the solve's progress at every new best plan, until it ends")
    public Multi<PlanJobs.Progress> events(@PathParam("territoryId") String territoryId,
                                           @PathParam("date") String date) {
        LocalDate day = date(date);
        return jobs.events(territoryId, day, plans.progress(territoryId, day));
    }

    @POST
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/stop")
    @HeldSolve
    @Operation(summary = "Stop solving; the best plan so far stays ready to publish")
    public PlanJobs.Progress stop(@PathParam("territoryId") String territoryId, @PathParam("date") String date) {
        LocalDate day = date(date);
        var progress = plans.progress(territoryId, day);
        if (!plans.stop(territoryId, day, jwt.getName())) {
            throw ApiException.conflict("not solving", Map.of("status", progress.status()));
        }
        return plans.progress(territoryId, day);
    }

    @POST
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/publish")
    @HeldSolve
    @Operation(summary = "Make the solved plan the plan of record and send each technician their route")
    public PlanPublisher.Result publish(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                                       @QueryParam("confirm") @DefaultValue("false") boolean confirm) {
        return plans.publish(territoryId, date(date), jwt.getName(), confirm);
    }

    @GET
    @Path("/{date}/analysis")
    @HeldSolve
    @Operation(summary = "Score per constraint, and why each unassigned or late visit is so")
    public PlanAnalyzer.Analysis analysis(@PathParam("territoryId") String territoryId,
                                          @PathParam("date") String date) {
        return plans.analysis(territoryId, date(date));
    }

    @GET
    @Path("/{date}/timeline")
    @HeldSolve
    @Operation(summary = "The day per technician (travel, waiting, work, breaks) and every appointment with its "
            + "place in the plan, actual times and latest forecast: the plan being solved, else the plan of record")
    public PlanTimeline.Timeline timeline(@PathParam("territoryId") String territoryId,
                                          @PathParam("date") String date) {
        return plans.timeline(territoryId, date(date));
    }

    @GET
    @Path("/{date}/day-sheet")
    @Operation(summary = "The day on paper, for when the platform is down: each technician's route as published, "
            + "with customers' names and phones, addresses, jobs, booked and told windows, planned arrivals, notes "
            + "and intake answers; technicianId= narrows it to one technician")
    public Uni<DaySheet.Sheet> daySheet(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                                        @QueryParam("technicianId") @Size(max = 64) String technicianId) {
        return daySheet.of(territoryId, date(date), technicianId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("no territory '" + territoryId + "'"));
    }

    @POST
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/replan")
    @Operation(summary = "Re-plan the rest of the day now (freeze horizon kept) and publish the changed routes")
    public Replanner.Outcome replan(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                                    @Valid ReplanRequest request) {
        String reason = request == null || request.reason() == null ? "asked by dispatcher" : request.reason();
        return replanner.replanNow(territoryId, date(date), reason, jwt.getName());
    }

    @GET
    @Path("/{date}/route-versions")
    @Operation(summary = "Routes sent to each technician for the day (route versions per technician-day)")
    public Uni<RouteVersions> routeVersions(@PathParam("territoryId") String territoryId,
                                            @PathParam("date") String date) {
        return publisher.routeVersions(territoryId, date(date)).map(RouteVersions::of);
    }

    @GET
    @Path("/replans")
    @Operation(summary = "The most recent re-plans of the territory (on any instance), newest first, with their latency")
    public List<Replanner.Outcome> replans(@PathParam("territoryId") String territoryId) {
        return replanner.recent(territoryId);
    }

    @PUT
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/visits/{appointmentId}/pin")
    @Operation(summary = "Manual dispatch: put a visit with a technician at a position and pin it there")
    public Response pin(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                        @PathParam("appointmentId") UUID appointmentId, @Valid @NotNull PinRequest request) {
        plans.pin(territoryId, date(date), appointmentId, request.technicianId(), request.position(), jwt.getName());
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Path("/{date}/visits/{appointmentId}/pin")
    @Operation(summary = "Let the optimizer move a pinned visit again")
    public Response unpin(@PathParam("territoryId") String territoryId, @PathParam("date") String date,
                          @PathParam("appointmentId") UUID appointmentId) {
        date(date);
        plans.unpin(appointmentId, jwt.getName());
        return Response.noContent().build();
    }

    @GET
    @Path("/weights")
    @Operation(summary = "Constraint weights of the territory ('default' where not overridden)")
    public Map<String, String> weights(@PathParam("territoryId") String territoryId) {
        return plans.weights(territoryId);
    }

    @PUT
    @Path("/weights")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Override constraint weights for the territory, e.g. {\"Travel time\": \"0hard/0medium/2soft\"}")
    public Map<String, String> updateWeights(@PathParam("territoryId") String territoryId,
                                             @Valid @NotNull WeightsRequest request) {
        return plans.updateWeights(territoryId, request.weights(), jwt.getName());
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date", "must be a date like 2026-03-02, not '" + text + "'");
        }
    }
}
