package io.fieldcast.eta.rest;


import io.fieldcast.eta.model.ModelStore;
import io.fieldcast.eta.model.TrainingService;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Training on demand, its progress, and the stored model versions with their held-out accuracy. */
@Path("/api/models")
@Tag(name = "models")
public class ModelResource {

    private final TrainingService training;
    private final ModelStore models;
    private final AuditLog audit;
    private final JsonWebToken jwt;

    public ModelResource(TrainingService training, ModelStore models, AuditLog audit, JsonWebToken jwt) {
        this.training = training;
        this.models = models;
        this.audit = audit;
        this.jwt = jwt;
    }

    @POST
    @Path("/retrain")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mine recent history and train new models; 202 with the run to poll (or the one running)")
    public Response retrain() {
        TrainingService.Run run = training.start("api");
        // New models change every forecast from then on: who asked for them is on record.
        Reactive.inTransaction(() -> audit.record("training_run", run.id().toString(), "RETRAIN_REQUESTED",
                jwt.getName(), null, null, null));
        return Response.accepted(run).header("Location", "/api/models/retrain/" + run.id()).build();
    }

    @GET
    @Path("/retrain/{runId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Progress of a training run (0..1), its status and the version it produced")
    public TrainingService.Run progress(@PathParam("runId") UUID runId) {
        return training.run(runId).orElseThrow(() -> ApiException.notFound("training run " + runId));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.DISPATCHER, Roles.SUPERVISOR})
    @Operation(summary = "Stored model versions, newest first, with methods, sample counts and evaluation")
    public Uni<List<ModelStore.VersionInfo>> versions() {
        return models.versions(50);
    }
}
