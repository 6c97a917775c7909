package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One GPS fix from a technician's phone. {@code deviceTime} is when the phone took it (the domain
 * time), {@code receivedAt} when the API accepted it. {@code clientId} is the phone's own id for the
 * ping, so replays after an offline period de-duplicate. Speed in m/s, heading in degrees, both
 * optional (null when the phone does not know).
 */
public record LocationPing(UUID eventId, Instant occurredAt, int schemaVersion,
                           String technicianId, String clientId, Instant deviceTime, Instant receivedAt,
                           double lat, double lon, double accuracyMeters, Double speedMps, Double headingDeg)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.TECH_LOCATIONS;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
