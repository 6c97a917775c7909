package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A status tap. {@code deviceTime} is when the technician tapped, {@code receivedAt} when the server
 * got it (they differ after offline replay). {@code reasonCode} only for CANNOT_COMPLETE.
 */
public record VisitStatusChanged(UUID eventId, Instant occurredAt, int schemaVersion,
                                 String technicianId, UUID appointmentId, VisitStatus status,
                                 String reasonCode, String note, Instant deviceTime, Instant receivedAt,
                                 String clientId) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.VISIT_STATUS;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
