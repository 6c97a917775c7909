package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The predicted arrival of a technician at one visit: the median, the 60-minute window with the most
 * probability mass and that probability. {@code forecastVersion} grows per appointment; {@code reason}
 * says in words why it moved ("previous job running 25 min long").
 */
public record ArrivalForecast(UUID eventId, Instant occurredAt, int schemaVersion,
                              UUID appointmentId, String technicianId, Instant p50Arrival,
                              Instant windowStart, Instant windowEnd, double probabilityInWindow,
                              Instant promisedStart, Instant promisedEnd, String modelVersion,
                              int forecastVersion, String reason) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.ARRIVAL_FORECASTS;
    }

    @Override
    public String key() {
        return appointmentId.toString();
    }
}
