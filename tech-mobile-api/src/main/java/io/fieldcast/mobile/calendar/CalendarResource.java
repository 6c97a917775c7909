package io.fieldcast.mobile.calendar;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The calendar feed itself: public behind its secret token, as calendar apps cannot sign in; a revoked, replaced or
 * unknown token is a plain 404.
 */
@Path("/calendar")
@Tag(name = "calendar")
@PermitAll
public class CalendarResource {

    private final CalendarFeeds feeds;

    public CalendarResource(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GET
    @Path("/{token}.ics")
    @Operation(summary = "The technician's visits from a week back to a month ahead as iCalendar (text/calendar)")
    public Uni<Response> calendar(@PathParam("token") String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Uni.createFrom().item(notFound());
        }
        return Panache.withSession(() -> feeds.technicianOf(token)
                .chain(technician -> technician == null ? Uni.createFrom().item(notFound())
                        : feeds.calendar(technician).map(text -> Response.ok(text)
                        .type("text/calendar; charset=utf-8").header("Cache-Control", "private, max-age=300")
                        .build())));
    }

    private static Response notFound() {
        return Response.status(404).type("text/plain").entity("No such calendar").build();
    }
}
