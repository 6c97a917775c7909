package io.fieldcast.roadnetwork;

import java.util.Locale;

/**
 * A position that cannot be placed on the road network: off the map, or farther from any routable road than allowed.
 * Callers facing users turn this into a client error (HTTP 400), not a server error.
 */
public final class SnapException extends RuntimeException {

    private final GeoPoint point;
    private final double distanceMeters;
    private final double maxDistanceMeters;

    private SnapException(String message, GeoPoint point, double distanceMeters, double maxDistanceMeters) {
        super(message);
        this.point = point;
        this.distanceMeters = distanceMeters;
        this.maxDistanceMeters = maxDistanceMeters;
    }

    public static SnapException offMap(GeoPoint point, BoundingBox bounds) {
        String msg = String.format(Locale.ROOT,
                "position %.6f,%.6f is off the map (road network covers %.5f,%.5f to %.5f,%.5f)",
                point.lat(), point.lon(), bounds.minLat(), bounds.minLon(), bounds.maxLat(), bounds.maxLon());
        return new SnapException(msg, point, Double.POSITIVE_INFINITY, Double.NaN);
    }

    public static SnapException noRoadNearby(GeoPoint point, double maxDistanceMeters) {
        String msg = String.format(Locale.ROOT,
                "no routable road found near %.6f,%.6f (searched the surrounding area, limit %.0f m)",
                point.lat(), point.lon(), maxDistanceMeters);
        return new SnapException(msg, point, Double.POSITIVE_INFINITY, maxDistanceMeters);
    }

    public static SnapException tooFar(GeoPoint point, double distanceMeters, double maxDistanceMeters) {
        String msg = String.format(Locale.ROOT,
                "position %.6f,%.6f is %.0f m from the nearest routable road, more than the limit of %.0f m",
                point.lat(), point.lon(), distanceMeters, maxDistanceMeters);
        return new SnapException(msg, point, distanceMeters, maxDistanceMeters);
    }

    public GeoPoint point() {
        return point;
    }

    /** Distance to the nearest routable road, or +infinity when none was found. */
    public double distanceMeters() {
        return distanceMeters;
    }

    /** The configured limit, NaN when the point was outside the map. */
    public double maxDistanceMeters() {
        return maxDistanceMeters;
    }
}
