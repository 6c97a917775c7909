package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The technician's own read of the job in hand: about {@code minutesLeft} minutes to go, tapped on the phone at
 * {@code deviceTime} while on site (after "arrived", before "done"). A later one replaces an earlier one for the same
 * visit. {@code receivedAt} is when the server got it (later after offline replay); {@code clientId} the phone's own id
 * of the tap, which makes a replay the same event. On {@link Topics#VISIT_STATUS}, keyed by the technician, so that it
 * is ordered with the visit's status taps. Since 0.1.11.
 */
public record JobTimeLeft(UUID eventId, Instant occurredAt, int schemaVersion, String technicianId,
                          UUID appointmentId, int minutesLeft, Instant deviceTime, Instant receivedAt,
                          String clientId) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;
    /** The fewest minutes a technician can say are left. */
    public static final int MIN_MINUTES = 1;
    /** The most: a job lasts at most a working day. */
    public static final int MAX_MINUTES = 480;

    @Override
    public String topic() {
        return Topics.VISIT_STATUS;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
