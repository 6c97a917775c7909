package io.fieldcast.notify.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Quiet hours in the customer's own zone; they may wrap midnight (21:00–08:00). Equal bounds mean none. */
public record QuietHours(LocalTime start, LocalTime end) {

    public boolean contains(Instant instant, ZoneId zone) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The first instant at or after {@code instant} outside quiet hours. */
    public Instant nextAllowed(Instant instant, ZoneId zone) {
        if (!contains(instant, zone)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime candidate = local.with(end).withSecond(0).withNano(0);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }
}
