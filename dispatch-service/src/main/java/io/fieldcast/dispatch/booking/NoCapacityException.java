package io.fieldcast.dispatch.booking;

/** The window cannot be served by the current plans; the caller answers 409 with alternatives. */
public class NoCapacityException extends RuntimeException {

    public NoCapacityException(String message) {
        super(message, null, false, false);
    }
}
