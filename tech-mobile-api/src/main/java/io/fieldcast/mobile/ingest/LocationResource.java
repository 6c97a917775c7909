package io.fieldcast.mobile.ingest;

import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.DeviceIdentity;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletionException;

/** GPS from the phone: 202 only once every accepted ping is on Kafka; 503 + Retry-After when it cannot be. */
@Path("/api/me/locations")
@Tag(name = "locations")
public class LocationResource {

    private final PingIngest ingest;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;

    public LocationResource(PingIngest ingest, DeviceGuard guard, JsonWebToken jwt) {
        this.ingest = ingest;
        this.guard = guard;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "A batch of 1..500 GPS pings; per-ping rejects; duplicates by clientId are dropped")
    public Uni<RestResponse<IngestAnswer>> post(PingBatch batch) {
        DeviceIdentity me = guard.require(jwt);
        return Uni.createFrom().completionStage(ingest.ingest(me.technicianId(), batch))
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .map(answer -> RestResponse.status(Response.Status.ACCEPTED, answer));
    }
}
