package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer was promised a window. {@code timeZone} is the territory's IANA zone, for quiet hours and texts.
 * {@code manageUrl} (optional, since 0.1.6) is the customer's own link to see, reschedule or cancel the appointment;
 * customer-notify puts it in the confirmation and on the tracking page. {@code channel} (optional, since 0.1.6) is
 * where it was booked: {@link #CHANNEL_CONSOLE}, {@link #CHANNEL_PORTAL} or null from older producers.
 */
public record AppointmentBooked(UUID eventId, Instant occurredAt, int schemaVersion,
                                UUID appointmentId, String territoryId, String timeZone, String jobType,
                                CustomerContact customer, String address, GeoPosition location,
                                Instant windowStart, Instant windowEnd, int priority, String notes,
                                String manageUrl, String channel)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 2;

    public static final String CHANNEL_CONSOLE = "console";
    public static final String CHANNEL_PORTAL = "portal";

    /** The 0.1.0 shape, without a manage link or channel. */
    public AppointmentBooked(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                             String territoryId, String timeZone, String jobType, CustomerContact customer,
                             String address, GeoPosition location, Instant windowStart, Instant windowEnd,
                             int priority, String notes) {
        this(eventId, occurredAt, schemaVersion, appointmentId, territoryId, timeZone, jobType, customer, address,
                location, windowStart, windowEnd, priority, notes, null, null);
    }
}
