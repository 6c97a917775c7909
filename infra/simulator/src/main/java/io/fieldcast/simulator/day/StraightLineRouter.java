package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.util.List;

/** Straight lines at a fixed speed, with a detour factor: for tests and as a fallback. */
public record StraightLineRouter(double metersPerSecond, double detourFactor) implements Router {

    /** About 30 km/h door to door, roads 30 % longer than the crow flies. */
    public static final StraightLineRouter CITY = new StraightLineRouter(8.3, 1.3);

    @Override
    public Leg drive(GeoPoint from, GeoPoint to) {
        double meters = Geo.meters(from, to) * detourFactor;
        return new Leg(meters / metersPerSecond, meters, List.of(from, to));
    }
}
