package io.fieldcast.dispatch.road;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.road.RoadNetworks;
import io.fieldcast.platform.road.RoadSettings;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.SnapException;
import io.fieldcast.roadnetwork.TravelMatrix;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<Leg, Long> cache = new ConcurrentHashMap<>();

    public Roads(RoadSettings settings) {
        // Dispatch plans on roads: it loads them whether or not fieldcast.road.enabled says a service may skip them.
        network = RoadNetworks.open(settings);
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
        if (from.equals(to)) {
            return 0;
        }
        Long cached = cache.get(new Leg(from, to));
        if (cached != null) {
            return cached;
        }
        prefetch(List.of(from), List.of(to));
        return cache.getOrDefault(new Leg(from, to), UNREACHABLE);
    }

    /** Computes (with one many-to-many) the legs between these places that are not cached yet. */
    public void prefetch(List<GeoPoint> sources, List<GeoPoint> targets) {
        List<GeoPoint> from = new ArrayList<>(new LinkedHashSet<>(sources));
        List<GeoPoint> to = new ArrayList<>(new LinkedHashSet<>(targets));
        boolean missing = from.stream().anyMatch(a -> to.stream().anyMatch(b -> !a.equals(b)
                && !cache.containsKey(new Leg(a, b))));
        if (!missing) {
            return;
        }
        if (cache.size() > MAX_CACHED_PAIRS) {
            cache.clear();
        }
        TravelMatrix matrix;
        try {
            matrix = network.matrix(from, to);
        } catch (SnapException e) {
            // A stored place that no longer snaps (e.g. an old record on a new map) must not break booking for
            // everyone: price each leg on its own so only the broken place is unreachable.
            if (from.size() == 1 && to.size() == 1) {
                cache.put(new Leg(from.getFirst(), to.getFirst()), UNREACHABLE);
                return;
            }
            from.forEach(a -> to.forEach(b -> seconds(a, b)));
            return;
        }
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < to.size(); j++) {
                long s = matrix.reachable(i, j) ? Math.round(matrix.seconds(i, j)) : UNREACHABLE;
                cache.put(new Leg(from.get(i), to.get(j)), s);
            }
        }
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

    private record Leg(GeoPoint from, GeoPoint to) {
    }
}
