package io.fieldcast.events;

/**
 * A payload that cannot be turned into an event: not JSON, an unknown type, or a broken envelope.
 * Consumers park such payloads on the topic's dead-letter topic instead of crashing or looping.
 */
public final class EventDecodingException extends RuntimeException {

    private final byte[] payload;

    public EventDecodingException(String message, byte[] payload, Throwable cause) {
        super(message, cause);
        this.payload = payload == null ? new byte[0] : payload.clone();
    }

    /** The undecodable bytes, exactly as received. */
    public byte[] payload() {
        return payload.clone();
    }
}
