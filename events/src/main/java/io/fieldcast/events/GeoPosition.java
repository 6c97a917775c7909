package io.fieldcast.events;

/** WGS84 position in degrees. */
public record GeoPosition(double lat, double lon) {
}
