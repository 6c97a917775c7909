package io.fieldcast.mobile.calendar;

import io.fieldcast.mobile.device.TechnicianVisibility;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A dispatcher or admin issues, replaces or revokes a technician's calendar feed (their territories' only). */
@Path("/api/technicians/{technicianId}/calendar-feed")
@Tag(name = "calendar")
@RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
public class CalendarFeedAdminResource {

    private static final String ID = "[A-Za-z0-9._:-]{1,128}";

    private final CalendarFeeds feeds;
    private final TechnicianVisibility visibility;
    private final JsonWebToken jwt;
    private final AuditLog audit;

    public CalendarFeedAdminResource(CalendarFeeds feeds, TechnicianVisibility visibility, JsonWebToken jwt,
                                     AuditLog audit) {
        this.feeds = feeds;
        this.visibility = visibility;
        this.jwt = jwt;
        this.audit = audit;
    }

    @POST
    @Operation(summary = "Issue the technician's calendar feed URL (iCalendar), replacing any earlier one; the URL "
            + "is in this answer only")
    public Uni<CalendarFeeds.Feed> issue(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId) {
        return visibility.require(jwt, technicianId)
                .chain(() -> feeds.issueAudited(technicianId, "dispatcher " + jwt.getName()));
    }

    @DELETE
    @Operation(summary = "Revoke the technician's calendar feed: its URL stops working")
    public Uni<Response> revoke(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId) {
        String by = "dispatcher " + jwt.getName();
        return visibility.require(jwt, technicianId).chain(() -> Panache.withTransaction(() -> feeds
                        .revoke(technicianId)
                        .invoke(had -> {
                            if (!had) {
                                throw ApiException.notFound("no calendar feed for " + technicianId);
                            }
                        })
                        .call(had -> audit.record("technician", technicianId, "CALENDAR_FEED_REVOKED", by, null,
                                null, null))))
                .replaceWith(Response.noContent().build());
    }
}
