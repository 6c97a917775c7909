package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadClassLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The territory's roads as GeoJSON, so the console draws its map without a tile server. */
@Path("/api/roads")
@Tag(name = "console")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class RoadResource {

    private static final double KM_PER_DEGREE = 111.32;
    private static final java.util.regex.Pattern EXTRA_DIGIT = java.util.regex.Pattern.compile("(\\.\\d{5})\\d");

    @Inject
    Roads roads;

    private static final String NUMBER = "-?\\d{1,3}(\\.\\d{1,8})?";
    private static final String VIA = NUMBER + "," + NUMBER + "(;" + NUMBER + "," + NUMBER + ")+";
    private static final double GRID = 0.01;
    private static final int MAX_CACHED = 400;
    private static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    @GET
    @Produces("application/geo+json")
    @Operation(summary = "Roads of the territory (its circle's bounding box) as GeoJSON LineStrings; by default "
            + "the smaller streets are left out of large territories")
    public Response roads(@QueryParam("territory") @NotBlank @Size(max = 40) String territory,
                          @QueryParam("level") @Pattern(regexp = "(?i)motorway|trunk|primary|secondary|tertiary"
                                  + "|residential|all", message = "must be one of motorway, trunk, primary, "
                                  + "secondary, tertiary, residential, all") String level,
                          @QueryParam("bbox") @Pattern(regexp = NUMBER + "," + NUMBER + "," + NUMBER + "," + NUMBER,
                                  message = "must be minLon,minLat,maxLon,maxLat") String bbox) {
        Territory t = Reactive.inSession(() -> Territory.<Territory>findById(territory));
        if (t == null) {
            throw ApiException.notFound("no territory '" + territory + "'");
        }
        RoadClassLevel detail = level == null ? defaultLevel(t.radiusKm)
                : RoadClassLevel.valueOf(level.toUpperCase(Locale.ROOT));
        BoundingBox area = bbox == null ? bbox(t) : window(bbox(t), bbox);
        String key = t.id + '|' + t.centerLat + '|' + t.centerLon + '|' + t.radiusKm + '|' + detail + '|' + area;
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        String json = area == null ? EMPTY : cache.computeIfAbsent(key, k -> simplified(area, detail));
        CacheControl cc = new CacheControl();
        cc.setMaxAge(3600);
        cc.setPrivate(true);
        return Response.ok(json).cacheControl(cc).build();
    }

    /** A route along the roads, for the map. */
    public record RoadPath(List<double[]> coordinates) {
    }

    @GET
    @Path("/path")
    @Operation(summary = "The roads a van drives through the given places in order (lat,lon;lat,lon;…, 2 to 60), "
            + "as [lat, lon] pairs: what the console's map draws for a route")
    public RoadPath path(@QueryParam("via") @NotBlank @Size(max = 2000) @Pattern(regexp = VIA,
            message = "must be 2 to 60 places as lat,lon separated by ;") String via) {
        List<GeoPoint> places = new ArrayList<>();
        for (String place : via.split(";")) {
            String[] p = place.split(",");
            try {
                places.add(new GeoPoint(Double.parseDouble(p[0]), Double.parseDouble(p[1])));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("via", "not a place on Earth: " + place);
            }
        }
        if (places.size() < 2 || places.size() > 60) {
            throw ApiException.badRequest("via", "2 to 60 places, not " + places.size());
        }
        return new RoadPath(roads.network().path(places, 8).stream().map(g -> new double[]{round(g.lat()), round(g.lon())})
                .toList());
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    /** Every street of a town; only through roads of a region, or the browser draws hundreds of thousands. */
    static RoadClassLevel defaultLevel(double radiusKm) {
        return radiusKm <= 12 ? RoadClassLevel.RESIDENTIAL : radiusKm <= 40 ? RoadClassLevel.TERTIARY
                : RoadClassLevel.SECONDARY;
    }

    private BoundingBox bbox(Territory t) {
        double dLat = t.radiusKm / KM_PER_DEGREE;
        double dLon = dLat / Math.max(0.05, Math.cos(Math.toRadians(t.centerLat)));
        BoundingBox map = roads.network().bounds();
        double minLat = Math.max(map.minLat(), t.centerLat - dLat);
        double maxLat = Math.min(map.maxLat(), t.centerLat + dLat);
        double minLon = Math.max(map.minLon(), t.centerLon - dLon);
        double maxLon = Math.min(map.maxLon(), t.centerLon + dLon);
        if (minLat > maxLat || minLon > maxLon) {
            throw ApiException.conflict("the territory lies outside the road map", Map.of("territoryId", t.id));
        }
        return new BoundingBox(minLat, minLon, maxLat, maxLon);
    }

    /**
     * The part of the territory inside {@code bbox} (the console's view when zoomed in, for the small streets),
     * widened to a 0.01° grid so that nearby views share one cached answer; null when they do not meet.
     */
    private static BoundingBox window(BoundingBox territory, String bbox) {
        String[] p = bbox.split(",");
        double minLon = Math.floor(Double.parseDouble(p[0]) / GRID) * GRID;
        double minLat = Math.floor(Double.parseDouble(p[1]) / GRID) * GRID;
        double maxLon = Math.ceil(Double.parseDouble(p[2]) / GRID) * GRID;
        double maxLat = Math.ceil(Double.parseDouble(p[3]) / GRID) * GRID;
        if (minLon >= maxLon || minLat >= maxLat) {
            throw ApiException.badRequest("bbox", "must be minLon,minLat,maxLon,maxLat with min below max");
        }
        if ((maxLon - minLon) * (maxLat - minLat) > 0.25) {
            throw ApiException.badRequest("bbox", "may span at most a quarter of a square degree");
        }
        double lo1 = Math.max(minLon, territory.minLon());
        double la1 = Math.max(minLat, territory.minLat());
        double lo2 = Math.min(maxLon, territory.maxLon());
        double la2 = Math.min(maxLat, territory.maxLat());
        return lo1 < lo2 && la1 < la2 ? new BoundingBox(la1, lo1, la2, lo2) : null;
    }

    /** Five decimals (about a metre) are plenty for a screen and make the answer a sixth smaller. */
    private String simplified(BoundingBox bbox, RoadClassLevel level) {
        return EXTRA_DIGIT.matcher(roads.network().roadsGeoJson(bbox, level)).replaceAll("$1");
    }
}
