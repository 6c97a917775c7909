package io.fieldcast.eta.road;

/** What the road network says a drive takes: seconds and metres, +Infinity seconds when there is no road. */
public record RoadLeg(double seconds, double meters) {

    /** Road-network time of a drive between two places. */
    public interface Timer {
        RoadLeg leg(double fromLat, double fromLon, double toLat, double toLon);
    }

    /** Straight line at an urban speed with a detour factor, for when no map is loaded (tests, off-map points). */
    public static Timer straightLine(double metersPerSecond, double detourFactor) {
        return (fromLat, fromLon, toLat, toLon) -> {
            double m = Geo.meters(fromLat, fromLon, toLat, toLon) * detourFactor;
            return new RoadLeg(m / metersPerSecond, m);
        };
    }
}
