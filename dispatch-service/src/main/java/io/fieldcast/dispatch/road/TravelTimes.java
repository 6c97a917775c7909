package io.fieldcast.dispatch.road;

import io.fieldcast.roadnetwork.GeoPoint;

/** Driving time between two points in whole seconds; {@link #UNREACHABLE} when there is no road. */
public interface TravelTimes {

    long UNREACHABLE = Long.MAX_VALUE / 4;

    long seconds(GeoPoint from, GeoPoint to);
}
