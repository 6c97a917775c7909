package io.fieldcast.mobile.visit;

import io.fieldcast.events.VisitStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a status change did; a retry with the same client id gets the same answer. */
public record StatusAnswer(UUID appointmentId, String previousStatus, VisitStatus status, String reasonCode,
                           String clientId, Instant deviceTime, Instant receivedAt, UUID eventId,
                           List<VisitStatus> allowedNext) {
}
