package io.fieldcast.notify.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A text the customer portal asked for (a checked {@code PortalMessage}): {@code kind} is {@link MessageKind#PHONE_CODE},
 * {@link MessageKind#WAITLIST_OFFER} or {@link MessageKind#WAITLIST_TAKEN}; {@code appointmentId} is null for a code.
 * Its {@link #toString()} never shows the code.
 */
public record PortalRequest(UUID eventId, MessageKind kind, String phone, String language, ZoneId zone,
                            UUID appointmentId, String code, String link, Instant windowStart, Instant windowEnd,
                            Instant expiresAt) {

    /** The de-dup key: each portal event is its own text (a new code is a new event). */
    public String dedupKey() {
        return "e" + eventId;
    }

    @Override
    public String toString() {
        return "PortalRequest[" + kind + " " + eventId + " appointment " + appointmentId + "]";
    }
}
