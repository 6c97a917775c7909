package io.fieldcast.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * How many times people looked for a window (since 0.1.8): dispatch counts the slot searches of each territory, local
 * day and channel ({@link AppointmentBooked#CHANNEL_PORTAL} for the customers' booking page,
 * {@link AppointmentBooked#CHANNEL_CONSOLE} for dispatchers and integration clients) and publishes what it counted
 * about once a minute per instance. The counts add up: a consumer sums every event of a territory-day-channel;
 * {@code empty} of the {@code searches} offered no window at all. Set against the bookings of that channel and day,
 * they are the funnel from looking to booking.
 */
public record SlotSearches(UUID eventId, Instant occurredAt, int schemaVersion, String territoryId, LocalDate day,
                           String channel, int searches, int empty) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String topic() {
        return Topics.SLOT_SEARCHES;
    }

    @Override
    public String key() {
        return territoryId;
    }
}
