package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

/** Small-distance geometry on the sphere, good to well under a metre across a city. */
public final class Geo {

    static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {
    }

    public static double meters(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Initial bearing from a to b in degrees 0..360 (0 = north). */
    public static double heading(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double y = Math.sin(dLon) * Math.cos(lat2);
        double x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
        double deg = Math.toDegrees(Math.atan2(y, x));
        return (deg + 360) % 360;
    }

    /** The point {@code north} and {@code east} metres away. */
    public static GeoPoint offset(GeoPoint p, double north, double east) {
        double dLat = Math.toDegrees(north / EARTH_RADIUS_M);
        double dLon = Math.toDegrees(east / (EARTH_RADIUS_M * Math.cos(Math.toRadians(p.lat()))));
        return new GeoPoint(p.lat() + dLat, p.lon() + dLon);
    }

    public static GeoPoint interpolate(GeoPoint a, GeoPoint b, double fraction) {
        return new GeoPoint(a.lat() + (b.lat() - a.lat()) * fraction, a.lon() + (b.lon() - a.lon()) * fraction);
    }
}
