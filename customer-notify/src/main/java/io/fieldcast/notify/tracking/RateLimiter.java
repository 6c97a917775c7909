package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed one-minute windows per client address and per token for the public tracking pages: guessing tokens or
 * hammering one link gets 429. Addresses are counted before anything else, tokens only once their signature is
 * verified, so made-up tokens never take a slot; the table is bounded (least recently seen keys go first). In
 * memory, per replica; a load balancer with sticky clients keeps it meaningful.
 */
@ApplicationScoped
public class RateLimiter {

    /** Most keys remembered (addresses plus verified tokens). */
    static final int MAX_KEYS = 50_000;

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private final NotifySettings config;
    private final Clock clock;

    public RateLimiter(NotifySettings config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one request from {@code clientAddress}; false when the address is over its limit this minute. */
    public boolean allowAddress(String clientAddress) {
        return count("ip:" + clientAddress) <= config.tracking().requestsPerMinutePerAddress();
    }

    /** Counts one request for a verified token; false when the link is over its limit this minute. */
    public boolean allowToken(String verifiedToken) {
        return count("t:" + verifiedToken) <= config.tracking().requestsPerMinute();
    }

    int size() {
        synchronized (windows) {
            return windows.size();
        }
    }

    private int count(String key) {
        long minute = clock.millis() / 60_000;
        synchronized (windows) {
            return windows.merge(key, new Window(minute, 1),
                    (old, one) -> old.minute() == minute ? new Window(minute, old.count() + 1) : one).count();
        }
    }
}
