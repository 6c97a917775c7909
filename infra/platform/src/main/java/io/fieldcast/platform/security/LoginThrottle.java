package io.fieldcast.platform.security;

import io.fieldcast.platform.rest.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Failed logins slow the next ones down, per account and per client address: after a few free failures each further
 * one locks the key for twice as long as the last (up to a ceiling), and a success clears the account. Both maps are
 * bounded (least recently seen keys go first), so a flood of made-up names cannot grow them. Console logins and device
 * logins use it alike; a locked key answers 429 with {@code Retry-After}, before any password is checked.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Most keys remembered per kind. */
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final SecuritySettings.Login settings;
    private final Failures accounts = new Failures();
    private final Failures addresses = new Failures();

    public LoginThrottle(Clock clock, SecuritySettings settings) {
        this.clock = clock;
        this.settings = settings.login();
    }

    /** Throws 429 when the account or the address is locked now. */
    public void check(String account, String address) {
        Instant now = clock.instant();
        Instant until = later(accounts.lockedUntil(key(account), now), addresses.lockedUntil(address, now));
        if (until != null) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000); // rounded up
            throw ApiException.tooManyRequests("too_many_attempts",
                    "too many failed logins; try again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        accounts.fail(key(account), now, settings.freeFailures());
        if (address != null) {
            addresses.fail(address, now, settings.freeFailuresPerAddress());
        }
    }

    public void succeeded(String account) {
        accounts.clear(key(account));
    }

    /** The client's address as this service sees it (behind a proxy: what the proxy settings make of it). */
    public static String address(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    private static String key(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private final class Failures {
        private final Map<String, Record> entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > MAX_KEYS;
            }
        };

        synchronized Instant lockedUntil(String key, Instant now) {
            Record e = key == null ? null : entries.get(key);
            return e != null && e.lockedUntil != null && e.lockedUntil.isAfter(now) ? e.lockedUntil : null;
        }

        synchronized void fail(String key, Instant now, int free) {
            Record e = entries.get(key);
            if (e == null || Duration.between(e.last, now).compareTo(settings.forgetAfter()) > 0) {
                e = new Record();
                entries.put(key, e);
            }
            e.failures++;
            e.last = now;
            int over = e.failures - free;
            if (over > 0) {
                Duration lock = settings.firstLockout().multipliedBy(1L << Math.min(over - 1, 20));
                if (lock.compareTo(settings.maxLockout()) > 0) {
                    lock = settings.maxLockout();
                }
                e.lockedUntil = now.plus(lock);
            }
        }

        synchronized void clear(String key) {
            entries.remove(key);
        }
    }

    private static final class Record {
        int failures;
        Instant last;
        Instant lockedUntil;
    }
}
