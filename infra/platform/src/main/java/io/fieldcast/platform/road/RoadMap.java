package io.fieldcast.platform.road;

import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadClassLevel;
import io.fieldcast.roadnetwork.RoadNetwork;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roads a person's map draws, for a service whose map is optional (the phone's, the tracking page's): the
 * streets around some places, and a drive along the roads through them. When the road network is disabled or cannot
 * be loaded, the streets are an empty collection and a drive is drawn straight: the page still works, never an error.
 */
public class RoadMap implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RoadMap.class);
    private static final double METERS_PER_DEGREE = 111_320;
    /** Areas are widened to this grid (about 1 km) so that similar maps share one cached answer. */
    private static final double GRID = 0.01;
    private static final int MAX_CACHED = 200;
    /** Points of a drive closer than this to the last kept one are left out: a screen needs no more. */
    private static final double PATH_STEP_METRES = 8;

    private final RoadNetwork network;
    private final double marginMeters;
    private final int maxSegments;
    private final Map<BoundingBox, String> cache = new ConcurrentHashMap<>();

    /**
     * @param what         whose map it is, for the log line when the roads are left out (e.g. "the phone's map")
     * @param marginMeters how far around the places the streets reach
     * @param maxSegments  most road segments in one answer; the smaller streets are left out first
     */
    public RoadMap(RoadSettings settings, String what, double marginMeters, int maxSegments) {
        this.network = open(settings, what);
        this.marginMeters = marginMeters;
        this.maxSegments = maxSegments;
    }

    public boolean available() {
        return network != null;
    }

    /**
     * Roads within the places' bounding box plus the margin, as compact GeoJSON (see {@link RoadFeatures}); an
     * empty collection without a road network or when the places lie off its map.
     */
    public String around(List<GeoPoint> places) {
        if (network == null || places.isEmpty()) {
            return RoadFeatures.EMPTY;
        }
        BoundingBox area = area(places, network.bounds());
        if (area == null) {
            return RoadFeatures.EMPTY;
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(area, a ->
                RoadFeatures.compact(network.roadsGeoJson(a, RoadClassLevel.RESIDENTIAL), maxSegments));
    }

    /**
     * The drive through {@code via} in order along the roads ({@link RoadNetwork#path}); straight lines between the
     * places without a road network. Null when it is drawn straight, so the caller can say so (a dashed line).
     */
    public List<GeoPoint> drive(List<GeoPoint> via) {
        return network == null || via.size() < 2 ? null : network.path(via, PATH_STEP_METRES);
    }

    /** The places' box grown by the margin, widened to the grid and cut to the map; null when off the map. */
    BoundingBox area(List<GeoPoint> places, BoundingBox map) {
        double minLat = places.stream().mapToDouble(GeoPoint::lat).min().orElseThrow();
        double maxLat = places.stream().mapToDouble(GeoPoint::lat).max().orElseThrow();
        double minLon = places.stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
        double maxLon = places.stream().mapToDouble(GeoPoint::lon).max().orElseThrow();
        double dLat = marginMeters / METERS_PER_DEGREE;
        double dLon = dLat / Math.max(0.05, Math.cos(Math.toRadians((minLat + maxLat) / 2)));
        double la1 = Math.max(map.minLat(), Math.floor((minLat - dLat) / GRID) * GRID);
        double lo1 = Math.max(map.minLon(), Math.floor((minLon - dLon) / GRID) * GRID);
        double la2 = Math.min(map.maxLat(), Math.ceil((maxLat + dLat) / GRID) * GRID);
        double lo2 = Math.min(map.maxLon(), Math.ceil((maxLon + dLon) / GRID) * GRID);
        return la1 < la2 && lo1 < lo2 ? new BoundingBox(la1, lo1, la2, lo2) : null;
    }

    private static RoadNetwork open(RoadSettings settings, String what) {
        if (!settings.enabled()) {
            LOG.infof("road network disabled: %s shows no roads", what);
            return null;
        }
        try {
            return RoadNetworks.open(settings);
        } catch (RuntimeException e) {
            // A map without roads still works: never fail the start-up over it.
            LOG.warnf(e, "road network not loaded, %s shows no roads: %s", what, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
    }
}
