package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What a customer was last told about an appointment's arrival, as every service keeps it from
 * {@link NotificationSent}: a window ({@code start}/{@code end}), or a void (a RESCHEDULE_CONFIRMATION: the window
 * told before no longer holds; {@code start} and {@code end} null). Kept as a value so services can rebuild it from
 * their own rows and apply the one rule, {@link #replaces(TextedWindow)}.
 */
public record TextedWindow(UUID appointmentId, Instant start, Instant end, int forecastVersion, String kind,
                           Instant textedAt) {

    /**
     * What {@code sent} told, or null when it tells nothing a service keeps: a kind that tells no window, or a window
     * text from a producer older than 0.1.3 (no window in it: it can no longer be resolved, so it is ignored).
     */
    public static TextedWindow of(NotificationSent sent) {
        if (sent == null || sent.occurredAt() == null) {
            return null;
        }
        if (sent.voidsToldWindow()) {
            return new TextedWindow(sent.appointmentId(), null, null, sent.forecastVersion(), sent.kind(),
                    sent.occurredAt());
        }
        if (sent.toldWindow() && sent.windowStart() != null && sent.windowEnd() != null) {
            return new TextedWindow(sent.appointmentId(), sent.windowStart(), sent.windowEnd(),
                    sent.forecastVersion(), sent.kind(), sent.occurredAt());
        }
        return null;
    }

    /** A void: no window holds until a later window text. */
    public boolean voided() {
        return start == null || end == null;
    }

    /**
     * Whether this replaces {@code stored} (null: nothing stored). A window replaces a window only when its forecast
     * version is higher, or equal and texted later, so a replayed or late older text never wins; it replaces a void
     * only when texted after it. A void applies only when it is not older than what is stored.
     */
    public boolean replaces(TextedWindow stored) {
        if (stored == null) {
            return true;
        }
        if (voided()) {
            return !textedAt.isBefore(stored.textedAt);
        }
        if (stored.voided()) {
            return textedAt.isAfter(stored.textedAt);
        }
        return forecastVersion > stored.forecastVersion
                || forecastVersion == stored.forecastVersion && textedAt.isAfter(stored.textedAt);
    }
}
