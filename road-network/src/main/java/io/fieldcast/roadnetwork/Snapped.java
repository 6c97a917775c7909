package io.fieldcast.roadnetwork;

/**
 * Where a requested position meets the routable road network.
 *
 * @param query            the position that was asked for
 * @param point            the nearest routable point on a road
 * @param distanceMeters   straight-line distance from {@code query} to {@code point}
 */
public record Snapped(GeoPoint query, GeoPoint point, double distanceMeters) {
}
