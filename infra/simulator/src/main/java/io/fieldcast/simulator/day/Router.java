package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

/** Where drives come from: the road network in runs, straight lines in unit tests. */
@FunctionalInterface
public interface Router {

    Leg drive(GeoPoint from, GeoPoint to);
}
