package io.fieldcast.mobile.calendar;

import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The phone's technician gets their own calendar feed URL. */
@Path("/api/me/calendar-feed")
@Tag(name = "calendar")
@RolesAllowed(Roles.TECHNICIAN)
public class MyCalendarFeedResource {

    private final CalendarFeeds feeds;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;

    public MyCalendarFeedResource(CalendarFeeds feeds, DeviceGuard guard, JsonWebToken jwt) {
        this.feeds = feeds;
        this.guard = guard;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "A calendar feed URL of the token's technician, replacing any earlier one")
    public Uni<CalendarFeeds.Feed> mine() {
        String technicianId = guard.require(jwt).technicianId();
        return feeds.issueAudited(technicianId, "technician " + technicianId);
    }
}
