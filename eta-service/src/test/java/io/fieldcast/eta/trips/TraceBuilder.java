package io.fieldcast.eta.trips;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes a technician's trace the way a phone would: a fix every few seconds, a few metres of noise. */
final class TraceBuilder {

    private final List<TracePoint> points = new ArrayList<>();
    private Random random = new Random(5);
    private final Duration every;
    private Instant now;
    private double lat;
    private double lon;

    TraceBuilder(Instant start, double lat, double lon, Duration every) {
        this.now = start;
        this.lat = lat;
        this.lon = lon;
        this.every = every;
    }

    TraceBuilder stay(Duration d) {
        Instant end = now.plus(d);
        while (now.isBefore(end)) {
            fix(lat, lon);
            now = now.plus(every);
        }
        return this;
    }

    /**
     * Works inside for {@code d}: a fix every minute or two with {@code fixChance}, scattered {@code sigmaMeters} per
     * axis (walls and basements), each reporting an accuracy of 1.6 sigma as phones do.
     */
    TraceBuilder stayIndoors(Duration d, double sigmaMeters, double fixChance) {
        Instant end = now.plus(d);
        Instant t = now.plusSeconds(30 + random.nextInt(60));
        while (t.isBefore(end)) {
            if (random.nextDouble() < fixChance) {
                double s = sigmaMeters / 111_000;
                points.add(new TracePoint(t, lat + bounded() * s, lon + bounded() * s / Math.cos(Math.toRadians(lat)),
                        1.6 * sigmaMeters));
            }
            t = t.plusSeconds(60 + random.nextInt(61));
        }
        now = end;
        return this;
    }

    private double bounded() {
        return Math.clamp(random.nextGaussian(), -3, 3);
    }

    /** The noise from here on drawn from {@code seed}. */
    TraceBuilder reseed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Drives a straight line to (toLat, toLon) taking {@code d}. */
    TraceBuilder drive(double toLat, double toLon, Duration d) {
        long steps = Math.max(1, d.toMillis() / every.toMillis());
        double fromLat = lat;
        double fromLon = lon;
        for (long i = 1; i <= steps; i++) {
            now = now.plus(every);
            double f = (double) i / steps;
            lat = fromLat + f * (toLat - fromLat);
            lon = fromLon + f * (toLon - fromLon);
            fix(lat, lon);
        }
        return this;
    }

    /** The phone records nothing for {@code d} (tunnel, flat battery) while the van keeps moving to the target. */
    TraceBuilder gapWhileDriving(double toLat, double toLon, Duration d) {
        now = now.plus(d);
        lat = toLat;
        lon = toLon;
        return this;
    }

    Instant now() {
        return now;
    }

    List<TracePoint> build() {
        return List.copyOf(points);
    }

    private void fix(double la, double lo) {
        double noise = 5.0 / 111_000;
        points.add(new TracePoint(now, la + random.nextGaussian() * noise, lo + random.nextGaussian() * noise, 8));
    }
}
