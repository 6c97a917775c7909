package io.fieldcast.eta.trips;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a trace stood still: consecutive fixes within {@code radiusMeters} of the first one for at least
 * {@code minDuration}. A GPS gap with both ends at the same spot counts as standing still (phone in a pocket,
 * underground car park), a gap with the ends apart as driving.
 */
public final class StopDetector {

    private final double radiusMeters;
    private final Duration minDuration;

    public StopDetector(double radiusMeters, Duration minDuration) {
        this.radiusMeters = radiusMeters;
        this.minDuration = minDuration;
    }

    public List<Stop> detect(List<TracePoint> trace) {
        List<Stop> stops = new ArrayList<>();
        int i = 0;
        while (i < trace.size()) {
            TracePoint anchor = trace.get(i);
            int j = i;
            double sumLat = anchor.lat();
            double sumLon = anchor.lon();
            while (j + 1 < trace.size() && trace.get(j + 1).metersTo(anchor) <= radiusMeters) {
                j++;
                sumLat += trace.get(j).lat();
                sumLon += trace.get(j).lon();
            }
            if (j > i && !Duration.between(anchor.time(), trace.get(j).time()).minus(minDuration).isNegative()) {
                int n = j - i + 1;
                stops.add(new Stop(anchor.time(), trace.get(j).time(), sumLat / n, sumLon / n));
                i = j + 1;
            } else {
                i++;
            }
        }
        return stops;
    }
}
