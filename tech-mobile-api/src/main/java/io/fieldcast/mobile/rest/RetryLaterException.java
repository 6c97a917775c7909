package io.fieldcast.mobile.rest;

import io.fieldcast.platform.rest.ApiException;

/** A 429 or 503 that tells the phone when to try again ({@code Retry-After}, seconds). */
public class RetryLaterException extends ApiException {

    private final int retryAfterSeconds;

    public RetryLaterException(int status, String error, String message, int retryAfterSeconds) {
        super(status, error, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public static RetryLaterException tooManyRequests(int retryAfterSeconds) {
        return new RetryLaterException(429, "rate_limited",
                "too many requests from this device; retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    public static RetryLaterException kafkaUnavailable(int retryAfterSeconds) {
        return new RetryLaterException(503, "unavailable",
                "cannot store pings right now; keep the batch and retry after " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
