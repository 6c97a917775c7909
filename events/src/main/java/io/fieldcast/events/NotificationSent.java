package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was handed to a channel. {@code kind} is the policy's message kind (e.g. {@code WINDOW_NARROWED}),
 * {@code recipient} is masked, {@code providerMessageId} the carrier's id where there is one.
 */
public record NotificationSent(UUID eventId, Instant occurredAt, int schemaVersion,
                               UUID appointmentId, String kind, String channel, String recipient,
                               String providerMessageId, int forecastVersion) implements NotificationEvent {

    public static final int SCHEMA_VERSION = 1;
}
