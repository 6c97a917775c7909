package io.fieldcast.dispatch.road;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.SnapException;
import io.fieldcast.roadnetwork.TravelMatrix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Driving times already computed, by leg, and the many-to-many that fills in missing ones. A matrix costs one upward
 * search per source and per target whatever is cached, so only the rows and columns that miss a leg are computed: a
 * day gaining one stop costs a known place two searches per direction, not one per place of the day.
 */
final class LegCache implements TravelTimes {

    /** The road network's many-to-many; may throw {@link SnapException} for a place off the map. */
    interface Matrix {
        TravelMatrix compute(List<GeoPoint> sources, List<GeoPoint> targets);
    }

    private final Matrix matrix;
    private final int maxPairs;
    private final Map<Leg, Long> cache = new ConcurrentHashMap<>();

    LegCache(Matrix matrix, int maxPairs) {
        this.matrix = matrix;
        this.maxPairs = maxPairs;
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
        compute(List.of(from), List.of(to));
        return cache.getOrDefault(new Leg(from, to), UNREACHABLE);
    }

    /** Computes, with one many-to-many, the legs between these places that are not cached yet. */
    void prefetch(List<GeoPoint> sources, List<GeoPoint> targets) {
        Set<GeoPoint> to = new LinkedHashSet<>(targets);
        Set<GeoPoint> rows = new LinkedHashSet<>();
        Set<GeoPoint> cols = new LinkedHashSet<>();
        for (GeoPoint a : new LinkedHashSet<>(sources)) {
            for (GeoPoint b : to) {
                if (!a.equals(b) && !cache.containsKey(new Leg(a, b))) {
                    rows.add(a);
                    cols.add(b);
                }
            }
        }
        if (!rows.isEmpty()) {
            compute(new ArrayList<>(rows), new ArrayList<>(cols));
        }
    }

    private void compute(List<GeoPoint> from, List<GeoPoint> to) {
        if (cache.size() > maxPairs) {
            cache.clear();
        }
        TravelMatrix computed;
        try {
            computed = matrix.compute(from, to);
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
                long s = computed.reachable(i, j) ? Math.round(computed.seconds(i, j)) : UNREACHABLE;
                cache.put(new Leg(from.get(i), to.get(j)), s);
            }
        }
    }

    private record Leg(GeoPoint from, GeoPoint to) {
    }
}
