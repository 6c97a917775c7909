package io.fieldcast.dispatch.road;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.road.RoadNetworks;
import io.fieldcast.platform.road.RoadSettings;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.SnapException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The road network and a cache of driving times between the places of current plans. Booking asks the same
 * legs over and over (a day changes by one visit at a time), so each pair is computed once with the
 * many-to-many matrix and then served from memory.
 */
@ApplicationScoped
@Startup
public class Roads implements TravelTimes {

    private static final int MAX_CACHED_PAIRS = 4_000_000;

    private final RoadNetwork network;
    private final LegCache legs;

    public Roads(RoadSettings settings) {
        // Dispatch plans on roads: it loads them whether or not fieldcast.road.enabled says a service may skip them.
        network = RoadNetworks.open(settings);
        legs = new LegCache(network::matrix, MAX_CACHED_PAIRS);
    }

    public RoadNetwork network() {
        return network;
    }

    /** The nearest routable point, or a 400 naming the field when the address is off the map. */
    public GeoPoint snap(double lat, double lon, String field) {
        try {
            return network.snap(new GeoPoint(lat, lon)).point();
        } catch (SnapException e) {
            throw ApiException.badRequest(field, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "not a valid coordinate: " + e.getMessage());
        }
    }

    @Override
    public long seconds(GeoPoint from, GeoPoint to) {
        return legs.seconds(from, to);
    }

    /** Computes (with one many-to-many) the legs between these places that are not cached yet. */
    public void prefetch(List<GeoPoint> sources, List<GeoPoint> targets) {
        legs.prefetch(sources, targets);
    }

    /** Legs from and to one new place, for all places of a day. */
    public void prefetchAround(GeoPoint place, List<GeoPoint> others) {
        prefetch(List.of(place), others);
        prefetch(others, List.of(place));
    }

    @PreDestroy
    void close() {
        network.close();
    }
}
