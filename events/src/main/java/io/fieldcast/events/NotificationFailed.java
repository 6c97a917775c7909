package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** A message could not be delivered after all retries. */
public record NotificationFailed(UUID eventId, Instant occurredAt, int schemaVersion,
                                 UUID appointmentId, String kind, String channel, String recipient,
                                 String error, int attempts) implements NotificationEvent {

    public static final int SCHEMA_VERSION = 1;
}
