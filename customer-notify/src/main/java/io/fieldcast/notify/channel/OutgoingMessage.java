package io.fieldcast.notify.channel;

import java.util.UUID;

/** A message as a channel sees it. {@code id} is the notification row's id (stable across retries). */
public record OutgoingMessage(long id, UUID appointmentId, String kind, String channel, String recipient,
                             String subject, String body, int attempt) {
}
