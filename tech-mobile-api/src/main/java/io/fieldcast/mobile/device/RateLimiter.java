package io.fieldcast.mobile.device;

import io.fieldcast.mobile.config.MobileSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per device: a phone may burst (replaying its offline queue) but not sustain more than the
 * configured rate. In-memory per instance; with N instances behind a balancer a device gets at most N times it.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perNano;
    private final int burst;

    public RateLimiter(MobileSettings settings) {
        this.perNano = settings.rateLimit().perSecond() / 1e9;
        this.burst = settings.rateLimit().burst();
    }

    /** Takes one token; returns 0 when allowed, otherwise the whole seconds to wait until one is available. */
    public int acquire(String device) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // a flood of one-off devices: forgetting buckets only ever lets more requests in
        }
        return buckets.computeIfAbsent(device, d -> new Bucket(burst, System.nanoTime())).take(perNano, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized int take(double perNano, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (int) Math.ceil((1 - tokens) / perNano / 1e9);
        }
    }
}
