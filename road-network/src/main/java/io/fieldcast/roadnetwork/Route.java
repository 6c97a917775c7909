package io.fieldcast.roadnetwork;

import java.util.List;

/**
 * The fastest drive between two snapped points.
 *
 * @param seconds  travel time
 * @param meters   driven distance
 * @param geometry the road geometry from the snapped start to the snapped end
 */
public record Route(double seconds, double meters, List<GeoPoint> geometry) {

    public Route {
        geometry = List.copyOf(geometry);
    }
}
