package io.fieldcast.mobile.visit;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored time-left read; a retry with the same client id gets the same answer. {@code expectedEnd} is
 * {@code deviceTime} plus {@code minutesLeft}: when the technician expects to be done, by the phone's clock.
 */
public record TimeLeftAnswer(UUID appointmentId, int minutesLeft, Instant deviceTime, Instant expectedEnd,
                             Instant receivedAt, UUID eventId, String clientId) {

    TimeLeftAnswer(UUID appointmentId, int minutesLeft, Instant deviceTime, Instant receivedAt, UUID eventId,
                   String clientId) {
        this(appointmentId, minutesLeft, deviceTime, deviceTime.plusSeconds(60L * minutesLeft), receivedAt, eventId,
                clientId);
    }
}
