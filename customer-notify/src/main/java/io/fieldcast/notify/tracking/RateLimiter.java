package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows per client address and per token for the public tracking pages: guessing tokens or
 * hammering one link gets 429. In memory, per replica; a load balancer with sticky clients keeps it meaningful.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final NotifySettings config;
    private final Clock clock;

    public RateLimiter(NotifySettings config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one request; false when the address or the token is over its limit this minute. */
    public boolean allow(String clientAddress, String token) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        boolean byAddress = count("ip:" + clientAddress, minute) <= config.tracking().requestsPerMinutePerAddress();
        boolean byToken = count("t:" + token, minute) <= config.tracking().requestsPerMinute();
        return byAddress && byToken;
    }

    private int count(String key, long minute) {
        return windows.merge(key, new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.count() + 1) : one).count();
    }
}
