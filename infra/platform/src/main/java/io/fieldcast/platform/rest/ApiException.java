package io.fieldcast.platform.rest;

import java.time.Duration;
import java.util.List;

/** A client-visible failure with its HTTP status, thrown by domain and resource code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final transient Object details;
    private Duration retryAfter;

    public ApiException(int status, String error, String message) {
        this(status, error, message, null);
    }

    public ApiException(int status, String error, String message, Object details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = details;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", field + ": " + message,
                List.of(new ApiError.FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException conflict(String message, Object details) {
        return new ApiException(409, "conflict", message, details);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    /** 429: the answer carries {@code Retry-After} with the seconds to wait. */
    public static ApiException tooManyRequests(String error, String message, Duration retryAfter) {
        ApiException e = new ApiException(429, error, message);
        e.retryAfter = retryAfter;
        return e;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** How long the client should wait before trying again; null when it need not. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Extra body content (e.g. alternative slots on a 409, or field errors on a 400). */
    public Object details() {
        return details;
    }
}
