package io.fieldcast.mobile.road;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.platform.road.RoadNetworks;
import io.fieldcast.platform.road.RoadSettings;
import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.RoadClassLevel;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The road network under the phone's map. Optional: when it is disabled or cannot be loaded, the phone gets no
 * roads and everything else (route, status, GPS) works as before.
 */
@ApplicationScoped
@Startup
public class Roads {

    private static final Logger LOG = Logger.getLogger(Roads.class);
    private static final double METERS_PER_DEGREE = 111_320;
    /** Areas are widened to this grid (about 1 km) so that similar routes share one cached answer. */
    private static final double GRID = 0.01;
    private static final int MAX_CACHED = 200;

    private final RoadNetwork network;
    private final double marginMeters;
    private final int maxSegments;
    private final Map<BoundingBox, String> cache = new ConcurrentHashMap<>();

    @Inject
    public Roads(RoadSettings settings, MobileSettings mobile) {
        this(settings, mobile.map().roadMarginMeters(), mobile.map().maxRoadSegments());
    }

    Roads(RoadSettings settings, double marginMeters, int maxSegments) {
        this.network = open(settings);
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
    public String around(List<GeoPosition> places) {
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

    /** The places' box grown by the margin, widened to the grid and cut to the map; null when off the map. */
    BoundingBox area(List<GeoPosition> places, BoundingBox map) {
        double minLat = places.stream().mapToDouble(GeoPosition::lat).min().orElseThrow();
        double maxLat = places.stream().mapToDouble(GeoPosition::lat).max().orElseThrow();
        double minLon = places.stream().mapToDouble(GeoPosition::lon).min().orElseThrow();
        double maxLon = places.stream().mapToDouble(GeoPosition::lon).max().orElseThrow();
        double dLat = marginMeters / METERS_PER_DEGREE;
        double dLon = dLat / Math.max(0.05, Math.cos(Math.toRadians((minLat + maxLat) / 2)));
        double la1 = Math.max(map.minLat(), Math.floor((minLat - dLat) / GRID) * GRID);
        double lo1 = Math.max(map.minLon(), Math.floor((minLon - dLon) / GRID) * GRID);
        double la2 = Math.min(map.maxLat(), Math.ceil((maxLat + dLat) / GRID) * GRID);
        double lo2 = Math.min(map.maxLon(), Math.ceil((maxLon + dLon) / GRID) * GRID);
        return la1 < la2 && lo1 < lo2 ? new BoundingBox(la1, lo1, la2, lo2) : null;
    }

    private static RoadNetwork open(RoadSettings settings) {
        if (!settings.enabled()) {
            LOG.info("road network disabled: the phone's map shows the route without roads");
            return null;
        }
        try {
            return RoadNetworks.open(settings);
        } catch (RuntimeException e) {
            // A phone without roads on its map is still a working phone: never fail the start-up over it.
            LOG.warnf(e, "road network not loaded, the phone's map shows no roads: %s", e.getMessage());
            return null;
        }
    }

    @PreDestroy
    void close() {
        if (network != null) {
            network.close();
        }
    }
}
