package io.fieldcast.roadnetwork;

/**
 * A WGS84 position in decimal degrees.
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude out of range: " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude out of range: " + lon);
        }
    }

    public static GeoPoint of(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }
}
