package io.fieldcast.roadnetwork.routing;

import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;
import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.SnapException;

/**
 * Finds the nearest routable road: an edge the car may drive in at least one direction and that belongs to the main
 * network (GraphHopper marks small disconnected islands, such as a car park behind a barrier, as subnetworks).
 */
public final class Snapper {

    private final LocationIndex index;
    private final EdgeFilter filter;
    private final BoundingBox bounds;
    private final double maxDistanceMeters;

    public Snapper(LocationIndex index, Weighting weighting, BooleanEncodedValue subnetwork, BoundingBox bounds,
                   double maxDistanceMeters) {
        this.index = index;
        this.filter = new DefaultSnapFilter(weighting, subnetwork);
        this.bounds = bounds;
        this.maxDistanceMeters = maxDistanceMeters;
    }

    /** A fresh snap; each query graph needs its own because building one rewrites the snap's node. */
    public Snap snap(GeoPoint p) {
        Snap snap = index.findClosest(p.lat(), p.lon(), filter);
        boolean found = snap.isValid();
        if (found && snap.getQueryDistance() <= maxDistanceMeters) {
            return snap;
        }
        if (!bounds.contains(p)) {
            throw SnapException.offMap(p, bounds);
        }
        if (!found) {
            throw SnapException.noRoadNearby(p, maxDistanceMeters);
        }
        throw SnapException.tooFar(p, snap.getQueryDistance(), maxDistanceMeters);
    }

    public static GeoPoint snappedPoint(Snap snap) {
        return new GeoPoint(snap.getSnappedPoint().lat, snap.getSnappedPoint().lon);
    }
}
