package io.fieldcast.roadnetwork;

/**
 * A latitude/longitude rectangle (no antimeridian crossing: service areas are regional).
 */
public record BoundingBox(double minLat, double minLon, double maxLat, double maxLon) {

    public BoundingBox {
        if (minLat > maxLat || minLon > maxLon) {
            throw new IllegalArgumentException(
                    "empty bounding box: " + minLat + "," + minLon + " " + maxLat + "," + maxLon);
        }
    }

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }

    public boolean contains(GeoPoint p) {
        return contains(p.lat(), p.lon());
    }

    public boolean intersects(BoundingBox o) {
        return o.minLat <= maxLat && o.maxLat >= minLat && o.minLon <= maxLon && o.maxLon >= minLon;
    }

    public GeoPoint center() {
        return new GeoPoint((minLat + maxLat) / 2, (minLon + maxLon) / 2);
    }
}
