package io.fieldcast.events;

/**
 * What the Kafka deserializer hands a consumer: an event, or the typed reason it could not be decoded.
 * Returning the failure as a value (instead of throwing inside {@code poll()}) lets the consumer route
 * the record to the dead-letter topic and move on.
 */
public sealed interface Decoded {

    record Event(FieldcastEvent event) implements Decoded {
    }

    record Undecodable(EventDecodingException error) implements Decoded {
    }
}
