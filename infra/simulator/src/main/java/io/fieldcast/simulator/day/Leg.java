package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.util.List;

/** A drive as the road network plans it: free-flow seconds, metres and the road geometry. */
public record Leg(double seconds, double meters, List<GeoPoint> geometry) {

    public Leg {
        geometry = List.copyOf(geometry);
        if (geometry.isEmpty()) {
            throw new IllegalArgumentException("a leg needs at least one point");
        }
    }
}
