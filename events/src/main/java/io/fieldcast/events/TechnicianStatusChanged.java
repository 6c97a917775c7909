package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin activated or deactivated a technician ({@code changedBy} is the admin's user name). A deactivated
 * technician's phones lose their sessions at once and the device secret stops working until the technician is
 * active again.
 */
public record TechnicianStatusChanged(UUID eventId, Instant occurredAt, int schemaVersion,
                                      String technicianId, boolean active, String changedBy)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.TECHNICIANS;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
