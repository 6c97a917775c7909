package io.fieldcast.dispatch.rest;

import io.fieldcast.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

/** The service's domain time, which the console shows instead of the browser's (the demo runs faster). */
@Path("/api/clock")
@Tag(name = "console")
@RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
public class ClockResource {

    public record Now(Instant now, long epochMillis) {
    }

    @Inject
    Clock clock;

    @GET
    @Operation(summary = "The server's current domain time (simulated time when the clock is accelerated)")
    public Now now() {
        Instant now = clock.instant();
        return new Now(now, now.toEpochMilli());
    }
}
