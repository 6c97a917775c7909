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

    /** Straight-line metres to {@code other} (equirectangular: exact enough within a city). */
    public double metresTo(GeoPoint other) {
        return metres(lat, lon, other.lat, other.lon);
    }

    /** Straight-line metres between two positions (equirectangular: exact enough within a city). */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return 6_371_000 * Math.hypot(dLat, dLon);
    }
}
