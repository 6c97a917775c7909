package io.fieldcast.notify.contacts;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.notify.support.Notifications;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A booking that names no customer (a system's event, an import of visits without contacts) is kept like any other:
 * nobody is texted, and the event is never parked on the dead-letter topic for a missing language.
 */
@QuarkusTest
class BookingWithoutCustomerTest {

    @Inject
    Notifications notifications;

    @Test
    void aBookingWithoutACustomerIsKeptAndTextsNobody() throws Exception {
        UUID appointment = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-02T09:00:00Z");
        notifications.publish(new AppointmentBooked(Events.newId(), at, AppointmentBooked.SCHEMA_VERSION, appointment,
                "north", "America/New_York", "REPAIR", null, "1 Main St", new GeoPosition(40.7, -74.0),
                at.plus(Duration.ofDays(1)), at.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)), 3, null, null,
                "console"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!notifications.exists("select 1 from appointment_contact where appointment_id = ? and language = 'en'",
                appointment)) {
            assertTrue(System.nanoTime() < deadline, "the booking was kept");
            Thread.sleep(100);
        }
        assertTrue(!notifications.exists("select 1 from notification where appointment_id = ?", appointment),
                "nobody to text");
    }
}
