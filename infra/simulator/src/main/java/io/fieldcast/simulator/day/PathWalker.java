package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.util.List;

/** Positions along a polyline by distance from its start. */
final class PathWalker {

    private final List<GeoPoint> points;
    private final double[] cumulative;

    PathWalker(List<GeoPoint> points) {
        this.points = points;
        this.cumulative = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            cumulative[i] = cumulative[i - 1] + Geo.meters(points.get(i - 1), points.get(i));
        }
    }

    double length() {
        return cumulative[cumulative.length - 1];
    }

    GeoPoint at(double meters) {
        int i = segment(meters);
        if (i >= points.size() - 1) {
            return points.getLast();
        }
        double span = cumulative[i + 1] - cumulative[i];
        double f = span <= 0 ? 0 : (meters - cumulative[i]) / span;
        return Geo.interpolate(points.get(i), points.get(i + 1), Math.clamp(f, 0, 1));
    }

    /** Heading of the road at that distance, degrees. */
    double headingAt(double meters) {
        int i = Math.min(segment(meters), points.size() - 2);
        return i < 0 ? 0 : Geo.heading(points.get(i), points.get(i + 1));
    }

    private int segment(double meters) {
        if (meters <= 0) {
            return 0;
        }
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= meters) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
