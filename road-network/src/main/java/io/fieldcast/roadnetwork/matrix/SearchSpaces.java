package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.index.Snap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search spaces of places already seen, per direction, keyed by where the place snapped (road, spot, kind of
 * snap: what its {@link Anchor} is made of). Spaces are never changed once made, so threads share them. Bounded: past
 * {@link #MAX_SPACES} the oldest half is not worth tracking, and all are dropped at once (a place's space is a few
 * kilobytes; the next matrices search those places again).
 */
final class SearchSpaces {

    /** About 60 MB at the spaces of a city's graph; a region's day has far fewer distinct places. */
    static final int MAX_SPACES = 5_000;

    private record Key(int edge, double lat, double lon, Snap.Position position) {
        static Key of(SnapState snap) {
            return new Key(snap.closestEdge().getEdge(), snap.snappedPoint().lat, snap.snappedPoint().lon,
                    snap.position());
        }
    }

    private final Map<Key, Buckets.Space> spaces = new ConcurrentHashMap<>();

    Buckets.Space get(SnapState snap) {
        return spaces.get(Key.of(snap));
    }

    /** Keeps {@code space} for the place and returns it. */
    Buckets.Space keep(SnapState snap, Buckets.Space space) {
        if (spaces.size() >= MAX_SPACES) {
            spaces.clear();
        }
        spaces.put(Key.of(snap), space);
        return space;
    }

    int size() {
        return spaces.size();
    }
}
