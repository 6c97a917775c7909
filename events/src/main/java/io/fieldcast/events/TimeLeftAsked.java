package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The platform asks a technician on site how long the job in hand ({@code appointmentId}) still takes, because the
 * next customer ({@code waitingAppointmentId}) is waiting for a window it cannot yet tell with confidence: the end of
 * this job decides it. eta-service asks at {@code askedAt} (its clock), at most once per {@code ask-every} per job;
 * tech-mobile-api shows the question on the technician's phone until a {@link JobTimeLeft} for the same visit said
 * after {@code askedAt} answers it, or the visit is no longer on site. On {@link Topics#TIME_LEFT_ASKS}, keyed by the
 * technician. Since 0.1.12.
 */
public record TimeLeftAsked(UUID eventId, Instant occurredAt, int schemaVersion, String technicianId,
                            UUID appointmentId, UUID waitingAppointmentId, Instant askedAt)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.TIME_LEFT_ASKS;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
