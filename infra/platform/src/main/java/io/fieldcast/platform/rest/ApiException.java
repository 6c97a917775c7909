package io.fieldcast.platform.rest;

import java.util.List;

/** A client-visible failure with its HTTP status, thrown by domain and resource code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final transient Object details;

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

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Extra body content (e.g. alternative slots on a 409, or field errors on a 400). */
    public Object details() {
        return details;
    }
}
