package io.fieldcast.mobile.route;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.DeviceIdentity;
import io.fieldcast.mobile.road.Roads;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The technician's route of the day, from the read model only. */
@Path("/api/me/route")
@Tag(name = "route")
public class RouteResource {

    private final RouteStore routes;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;
    private final MobileSettings settings;
    private final Clock clock;
    private final Roads roads;
    private final ToldWindows told;
    private final TimeLeftAsks asks;

    public RouteResource(RouteStore routes, DeviceGuard guard, JsonWebToken jwt, MobileSettings settings,
                         Clock clock, Roads roads, ToldWindows told, TimeLeftAsks asks) {
        this.routes = routes;
        this.told = told;
        this.asks = asks;
        this.roads = roads;
        this.guard = guard;
        this.jwt = jwt;
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "The latest published route of the token's technician for a date (default today)")
    public Uni<RouteView> route(@QueryParam("date") String date, @QueryParam("technicianId") String technicianId) {
        DeviceIdentity me = guard.require(jwt);
        if (technicianId != null && !technicianId.equals(me.technicianId())) {
            // The id in the token is the only one that counts; asking for someone else's day is refused, always.
            throw ApiException.forbidden("a device may only read its own technician's route");
        }
        LocalDate day = parseDate(date);
        return Panache.withSession(() -> routes.find(me.technicianId(), day).chain(route -> {
            if (route == null) {
                throw new ApiException(404, "not_found", "no route published for " + day);
            }
            // Told windows and asks are looked up by the route's own appointments only: nobody sees another route's.
            List<UUID> appointments = route.visits().stream().map(PlannedVisit::appointmentId).toList();
            return routes.statuses(me.technicianId()).chain(statuses -> routes.canceled(appointments)
                    .chain(canceled -> told.of(appointments)
                            .chain(windows -> asks.open(me.technicianId(), appointments)
                                    .map(open -> RouteView.of(route, statuses, windows, canceled, open)))));
        }));
    }

    @GET
    @Path("/map")
    @RolesAllowed(Roles.TECHNICIAN)
    @Produces("application/geo+json")
    @Operation(summary = "The same route as GeoJSON for the phone's offline map: the stops, and the drive through "
            + "them along the roads (straight lines, marked straight, when the service has no road network)")
    public Uni<Map<String, Object>> map(@QueryParam("date") String date) {
        // The drive along the roads walks the graph: off the event loop.
        return route(date, null).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(route -> RouteGeoJson.of(route, roads::drive));
    }

    @GET
    @Path("/roads")
    @RolesAllowed(Roles.TECHNICIAN)
    @Produces("application/geo+json")
    @Operation(summary = "The roads around the route (its stops' bounding box plus a margin) as GeoJSON, drawn "
            + "under the route on the phone's map; no features when the service has no road network")
    public Uni<Response> roads(@QueryParam("date") String date, @QueryParam("technicianId") String technicianId) {
        // The first answer for an area walks the graph: off the event loop.
        return route(date, technicianId).emitOn(Infrastructure.getDefaultWorkerPool()).map(route -> {
            CacheControl cache = new CacheControl();
            cache.setPrivate(true);
            cache.setMaxAge(3600);
            return Response.ok(roads.around(points(places(route)))).cacheControl(cache).build();
        });
    }

    private static List<GeoPosition> places(RouteView route) {
        List<GeoPosition> places = new ArrayList<>();
        places.add(route.start());
        places.add(route.end());
        route.visits().forEach(v -> places.add(v.location()));
        places.removeIf(Objects::isNull);
        return places;
    }

    private static List<GeoPoint> points(List<GeoPosition> places) {
        return places.stream().map(p -> new GeoPoint(p.lat(), p.lon())).toList();
    }

    private LocalDate parseDate(String date) {
        if (date == null || date.isBlank()) {
            return LocalDate.now(clock.withZone(settings.zone()));
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date", "must be an ISO date like 2026-03-02");
        }
    }
}
