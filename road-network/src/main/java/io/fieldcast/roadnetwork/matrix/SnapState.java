package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.shapes.GHPoint3D;

/**
 * A snap as the location index returned it. Building a GraphHopper query graph rewrites its snaps, so every query
 * graph gets a {@link #fresh()} copy and one location lookup serves any number of them.
 */
public record SnapState(double lat, double lon, double queryDistance, int wayIndex, int closestNode,
                        EdgeIteratorState closestEdge, GHPoint3D snappedPoint, Snap.Position position) {

    public static SnapState of(Snap snap) {
        return new SnapState(snap.getQueryPoint().lat, snap.getQueryPoint().lon, snap.getQueryDistance(),
                snap.getWayIndex(), snap.getClosestNode(), snap.getClosestEdge(), snap.getSnappedPoint(),
                snap.getSnappedPosition());
    }

    public Snap fresh() {
        Snap s = new Snap(lat, lon);
        s.setQueryDistance(queryDistance);
        s.setWayIndex(wayIndex);
        s.setClosestNode(closestNode);
        s.setClosestEdge(closestEdge);
        s.setSnappedPoint(snappedPoint);
        s.setSnappedPosition(position);
        return s;
    }

    /** Snapped onto a junction: the point is that graph node, no virtual node is needed. */
    public boolean atTower() {
        return position == Snap.Position.TOWER;
    }

    /** Two snaps on the same spot of the same road: the trip between them is empty. */
    public boolean sameSpotAs(SnapState o) {
        return closestEdge.getEdge() == o.closestEdge.getEdge() && snappedPoint.lat == o.snappedPoint.lat
                && snappedPoint.lon == o.snappedPoint.lon;
    }
}
