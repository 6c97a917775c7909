package io.fieldcast.platform.rest;

import java.util.List;

/**
 * The body of every error answer: the HTTP status, a short code, a sentence that says what is wrong, and for
 * validation errors the offending fields.
 */
public record ApiError(int status, String error, String message, List<FieldError> fields) {

    public record FieldError(String field, String message) {
    }

    public static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, message, List.of());
    }
}
