package io.fieldcast.eta.history;

import io.fieldcast.events.VisitStatus;

import java.time.Instant;
import java.util.UUID;

/** A status tap of the technician, in the phone's time. */
public record Tap(UUID appointmentId, VisitStatus status, Instant deviceTime) {
}
