package io.fieldcast.notify.flow;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Events;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.notify.support.TwilioStandIn;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manage links (AppointmentBooked/AppointmentRescheduled.manageUrl) in the confirmation and kept on the contact, and
 * the "we missed you" text of a visit nobody was home for, through the real broker, PostgreSQL and Twilio channel.
 */
@QuarkusTest
class ManageLinksAndNoShowTest {

    /** 10:00 in New York on Monday 2 March 2026 (EST, UTC-5). */
    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    /** Promised 14:00–18:00 New York time. */
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");
    private static final String MANAGE = "https://portal.example.test/m/";

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    /** A booking made on the portal, with its manage link (null: an older producer, or the console without one). */
    private static AppointmentBooked booked(UUID appointment, String phone, String language, String manageUrl) {
        AppointmentBooked b = booking(appointment, MORNING, PROMISED, phone, null, language);
        return new AppointmentBooked(b.eventId(), b.occurredAt(), AppointmentBooked.SCHEMA_VERSION, appointment,
                b.territoryId(), b.timeZone(), b.jobType(), b.customer(), b.address(), b.location(), b.windowStart(),
                b.windowEnd(), b.priority(), b.notes(), manageUrl, AppointmentBooked.CHANNEL_PORTAL);
    }

    private static VisitStatusChanged notHome(UUID appointment, Instant at) {
        return new VisitStatusChanged(Events.newId(), at, 1, "tech-3", appointment, VisitStatus.CANNOT_COMPLETE,
                "CUSTOMER_NOT_HOME", "rang twice", at, at, UUID.randomUUID().toString());
    }

    private String manageUrl(UUID appointment) {
        return notifications.text("select manage_url from appointment_contact where appointment_id = ?", appointment);
    }

    @Test
    void theConfirmationCarriesTheManageLinkAndALaterRescheduleReplacesIt() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booked(appointment, "+12125550911", "en", MANAGE + "first"));
        Row confirmation = notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertTrue(confirmation.body().endsWith("STOP to opt out. Change or cancel: " + MANAGE + "first"),
                confirmation.body());
        assertEquals(MANAGE + "first", manageUrl(appointment));

        Instant tomorrow = PROMISED.plus(Duration.ofDays(1));
        notifications.publish(new AppointmentRescheduled(Events.newId(), MORNING, 2, appointment, PROMISED,
                PROMISED.plus(Duration.ofHours(4)), tomorrow, tomorrow.plus(Duration.ofHours(4)), "customer",
                MANAGE + "second"));
        notifications.awaitKind(appointment, "RESCHEDULE_CONFIRMATION", "SENT");
        assertEquals(MANAGE + "second", manageUrl(appointment));

        // An older producer's reschedule (no link) keeps the one the customer has.
        Instant later = tomorrow.plus(Duration.ofDays(1));
        var old = new AppointmentRescheduled(Events.newId(), MORNING, 1, appointment, tomorrow,
                tomorrow.plus(Duration.ofHours(4)), later, later.plus(Duration.ofHours(4)), "customer");
        notifications.publish(old);
        notifications.await(appointment, r -> r.stream().filter(n -> n.dedupKey().equals("e" + old.eventId()))
                .anyMatch(n -> n.state().equals("SENT")));
        assertEquals(MANAGE + "second", manageUrl(appointment));
    }

    @Test
    void aBookingWithoutAManageLinkIsConfirmedAsBeforeAndALinkThatIsNoWebLinkIsNotKept() {
        UUID plain = UUID.randomUUID();
        notifications.publish(booked(plain, "+12125550912", "en", null));
        Row confirmation = notifications.awaitKind(plain, "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertTrue(confirmation.body().endsWith("STOP to opt out."), confirmation.body());

        UUID script = UUID.randomUUID();
        notifications.publish(booked(script, "+12125550913", "en", "javascript:alert(1)"));
        Row other = notifications.awaitKind(script, "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertTrue(!other.body().contains("javascript") && other.body().endsWith("STOP to opt out."), other.body());
        assertNull(manageUrl(script));
    }

    @Test
    void nobodyHomeTextsWeMissedYouOnceWithTheManageLinkEvenWhenRedelivered() {
        UUID appointment = UUID.randomUUID();
        String phone = "+12125550914";
        notifications.publish(booked(appointment, phone, "en", MANAGE + "nh"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        VisitStatusChanged tap = notHome(appointment, MORNING);
        notifications.publish(tap);
        notifications.publish(tap); // redelivered: same event id
        notifications.publish(notHome(appointment, MORNING.plusSeconds(60))); // tapped again: a new event id

        List<Row> rows = notifications.awaitKind(appointment, "NO_SHOW", "SENT");
        assertEquals(List.of("BOOKING_CONFIRMATION", "NO_SHOW"), kinds(rows));
        assertEquals("Sorry Rosa, we missed you: your technician came by on Monday 2 March but nobody was home. "
                + "Book a new visit here: " + MANAGE + "nh", rows.getLast().body());
        // Counted at the carrier too: once.
        assertEquals(1, TwilioStandIn.get().acceptedTo(phone).stream()
                .filter(a -> a.body().contains("we missed you")).count());
    }

    /**
     * The shift ended before the van reached the customer ("cannot complete: out of time"): the customer, who may have
     * waited through a told window, hears at once that nobody comes today, once, with the link to pick another time.
     */
    @Test
    void aShiftOverBeforeTheVisitTextsNotTodayOnce() {
        UUID appointment = UUID.randomUUID();
        String phone = "+12125550916";
        notifications.publish(booked(appointment, phone, "en", MANAGE + "oot"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        Instant evening = MORNING.plus(Duration.ofHours(9));
        clock.set(evening);
        for (int i = 0; i < 2; i++) { // tapped twice: two events, one text
            Instant at = evening.plusSeconds(60L * i);
            notifications.publish(new VisitStatusChanged(Events.newId(), at, 1, "tech-3", appointment,
                    VisitStatus.CANNOT_COMPLETE, "OUT_OF_TIME", null, at, at, UUID.randomUUID().toString()));
        }
        List<Row> rows = notifications.awaitKind(appointment, "NOT_TODAY", "SENT");
        assertTrue(rows.getLast().body().startsWith("Sorry Rosa, we can no longer make your visit today")
                && rows.getLast().body().endsWith(MANAGE + "oot"), rows.getLast().body());
        assertEquals(1, TwilioStandIn.get().acceptedTo(phone).stream()
                .filter(a -> a.body().contains("no longer make your visit")).count());
    }

    @Test
    void withoutAManageLinkTheNoShowLinksTheBookingPageInSpanish() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booked(appointment, "+12125550915", "es", null));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        notifications.publish(notHome(appointment, MORNING));
        Row text = notifications.awaitKind(appointment, "NO_SHOW", "SENT").getLast();
        assertEquals("Lo sentimos Rosa, no le encontramos: su técnico pasó el lunes 2 marzo pero no había nadie en "
                + "casa. Reserve otra visita aquí: http://localhost:8081/book", text.body());
    }

    @Test
    void aNoShowIsHeldByQuietHoursAndForAStoppedPhoneIsCountedButNotSent() throws Exception {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booked(appointment, "+12125550916", "en", MANAGE + "q"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        Instant lateEvening = Instant.parse("2026-03-03T02:00:00Z"); // 21:00 in New York
        clock.set(lateEvening);
        notifications.publish(notHome(appointment, lateEvening));
        Row held = notifications.await(appointment, r -> r.size() == 2).getLast();
        assertEquals("NO_SHOW", held.kind());
        assertEquals("PENDING", held.state());
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), held.nextAttemptAt());

        UUID stopped = UUID.randomUUID();
        String phone = "+12125550917";
        notifications.execute("insert into sms_opt_out (phone, opted_out_at) values ('" + phone + "', now())");
        notifications.publish(booked(stopped, phone, "en", MANAGE + "s"));
        notifications.awaitContact(stopped);
        notifications.publish(notHome(stopped, lateEvening));
        Row suppressed = notifications.await(stopped, r -> !r.isEmpty()).getLast();
        assertEquals("NO_SHOW", suppressed.kind());
        assertEquals("SUPPRESSED", suppressed.state());
        assertEquals("", suppressed.body());
        assertEquals("OPTED_OUT", notifications.text("select last_error from notification where id = ?",
                suppressed.id()));
        assertEquals(List.of(), TwilioStandIn.get().acceptedTo(phone));
    }

    @Test
    void forgettingTheCustomerErasesTheManageLinkAndTheirCodes() {
        UUID appointment = UUID.randomUUID();
        String phone = "+12125550918";
        AppointmentBooked booking = booked(appointment, phone, "en", MANAGE + "forget");
        notifications.publish(booking);
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        notifications.publish(new io.fieldcast.events.PortalMessage(Events.newId(), MORNING, 1,
                io.fieldcast.events.PortalMessage.PHONE_CODE, phone, "en", Notifications.NEW_YORK, null, "424242",
                null, null, null, MORNING.plus(Duration.ofMinutes(10))));
        notifications.awaitCodes(phone, r -> !r.isEmpty() && r.getFirst().state().equals("SENT"));
        assertEquals(MANAGE + "forget", manageUrl(appointment));

        notifications.publish(new CustomerForgotten(Events.newId(), MORNING, 1, booking.customer().customerId(),
                List.of(appointment), "root"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (manageUrl(appointment) != null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertNull(manageUrl(appointment));
        assertEquals(0L, notifications.count("select count(*) from notification where body like '%424242%'"));
        assertEquals(0L, notifications.count("select count(*) from notification where recipient = '" + phone + "'"));
    }
}
