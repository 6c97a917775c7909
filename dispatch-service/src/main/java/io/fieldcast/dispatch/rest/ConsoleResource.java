package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.config.ConsoleSettings;
import io.fieldcast.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

/** What the console asks besides the plans: the domain time (the demo runs faster than the wall) and its settings. */
@Path("/api")
@Tag(name = "console")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class ConsoleResource {

    public record Now(Instant now, long epochMillis) {
    }

    /** What the console's map draws under the roads; {@code tileUrl} null: nothing. */
    public record Settings(String tileUrl, String tileAttribution) {
    }

    @Inject
    Clock clock;
    @Inject
    ConsoleSettings settings;

    @GET
    @Path("/clock")
    @Operation(summary = "The server's current domain time (simulated time when the clock is accelerated)")
    public Now now() {
        Instant now = clock.instant();
        return new Now(now, now.toEpochMilli());
    }

    @GET
    @Path("/console/settings")
    @Operation(summary = "The console's map settings: optional tile server and its attribution")
    public Settings settings() {
        return new Settings(settings.tileUrl().orElse(null), settings.tileAttribution());
    }
}
