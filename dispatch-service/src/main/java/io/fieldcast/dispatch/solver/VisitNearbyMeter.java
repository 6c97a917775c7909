package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.impl.heuristic.selector.common.nearby.NearbyDistanceMeter;

/** Nearby selection: try moving a visit next to the places it is quickest to drive from. */
public class VisitNearbyMeter implements NearbyDistanceMeter<Visit, Located> {

    @Override
    public double getNearbyDistance(Visit origin, Located destination) {
        TravelMatrix matrix = origin.matrix();
        // Symmetric on purpose: the route may pass through the destination in either direction.
        return matrix.travel(destination.location(), origin.location())
                + matrix.travel(origin.location(), destination.location());
    }
}
