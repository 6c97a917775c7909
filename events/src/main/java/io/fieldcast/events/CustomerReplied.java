package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** A customer answered a text. {@code text} is what they wrote, {@code channel} e.g. {@code sms}. */
public record CustomerReplied(UUID eventId, Instant occurredAt, int schemaVersion,
                              UUID appointmentId, ReplyKind reply, String channel, String text)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.CUSTOMER_REPLIES;
    }

    @Override
    public String key() {
        return appointmentId.toString();
    }
}
