package io.fieldcast.mobile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Everything tunable about the technician's phone API. */
@ConfigMapping(prefix = "fieldcast.mobile")
public interface MobileSettings {

    /** {@code technicianId:secret} pairs created at start-up when absent (demo and tests). */
    Optional<List<String>> seedDevices();

    /** Time zone of the working day: "today" for {@code GET /api/me/route} without a date. */
    @WithDefault("UTC")
    ZoneId zone();

    /** How long a refresh token stays usable without being used. */
    @WithDefault("P14D")
    Duration refreshTokenLifetime();

    /** How often revocations made by other instances are picked up (access tokens are refused after that). */
    @WithDefault("2s")
    Duration revocationPoll();

    /** The address people and calendar apps reach this service at (the front door): calendar feed URLs start with it. */
    @WithDefault("http://localhost:8083")
    String publicBaseUrl();

    Ingest ingest();

    RateLimit rateLimit();

    MapView map();

    /** GPS batch ingest. */
    interface Ingest {

        /** Most pings in one batch. */
        @WithDefault("500")
        int maxBatch();

        /** A ping whose device time is further ahead of the server clock is rejected (phone clock wrong). */
        @WithDefault("10m")
        Duration maxFuture();

        /** A ping older than this is rejected (a phone replaying a forgotten queue). */
        @WithDefault("14d")
        Duration maxAge();

        /** Pings less precise than this (metres) are rejected: useless for positioning. */
        @WithDefault("500")
        double maxAccuracyMeters();

        /** Recent ping client ids remembered per technician to drop replays before they reach Kafka. */
        @WithDefault("4096")
        int dedupWindow();

        /** Seconds a phone is told to wait (Retry-After) when Kafka is unreachable. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** While Kafka is down, batches are refused at once; one batch per this interval probes whether it is back. */
        @WithDefault("2s")
        Duration breakerOpen();
    }

    /** Per-device token bucket over all /api/me calls. */
    interface RateLimit {

        /** Requests per second a device may sustain. */
        @WithDefault("5")
        double perSecond();

        /** Requests a device may send in a burst (e.g. replaying an offline queue). */
        @WithDefault("30")
        int burst();
    }

    /** The roads drawn under the route on the phone's map. */
    interface MapView {

        /** Roads this far (metres) beyond the route's outermost stops are drawn too. */
        @WithDefault("500")
        double roadMarginMeters();

        /** At most this many road segments go to a phone; beyond it the smaller streets are left out first. */
        @WithDefault("2500")
        int maxRoadSegments();
    }
}
