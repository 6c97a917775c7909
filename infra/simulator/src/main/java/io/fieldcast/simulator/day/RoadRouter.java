package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.Route;

import java.util.List;

/** Drives along real road geometry; a pair the graph cannot connect falls back to a straight line. */
public final class RoadRouter implements Router {

    private final RoadNetwork roads;

    public RoadRouter(RoadNetwork roads) {
        this.roads = roads;
    }

    @Override
    public Leg drive(GeoPoint from, GeoPoint to) {
        Route route = roads.route(from, to);
        if (!Double.isFinite(route.seconds()) || route.geometry().isEmpty()) {
            return StraightLineRouter.CITY.drive(from, to);
        }
        List<GeoPoint> geometry = route.geometry().size() == 1 ? List.of(route.geometry().getFirst(), to)
                : route.geometry();
        return new Leg(route.seconds(), route.meters(), geometry);
    }
}
