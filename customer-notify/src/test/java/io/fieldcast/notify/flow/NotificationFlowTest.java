package io.fieldcast.notify.flow;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUnassigned;
import io.fieldcast.events.Events;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.notify.channel.NotificationSender;
import io.fieldcast.notify.messaging.ReminderScheduler;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.forecast;
import static io.fieldcast.notify.support.Notifications.kinds;
import static io.fieldcast.notify.support.Notifications.route;
import static io.fieldcast.notify.support.Notifications.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events in through the real broker, decisions in PostgreSQL, hand-off through the Twilio channel to the carrier's
 * local stand-in. */
@QuarkusTest
class NotificationFlowTest {

    /** 10:00 in New York on Monday 2 March 2026 (EST, UTC-5). */
    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    /** Promised 14:00–18:00 New York time. */
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;
    @Inject
    ReminderScheduler reminders;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    private UUID booked(String phone) {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, phone, null, "en"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        return appointment;
    }

    @Test
    void oneImpossibleEventIsParkedAndEveryOtherCustomerStillGetsTheirText() throws Exception {
        UUID poison = UUID.randomUUID();
        var good = booking(poison, MORNING, PROMISED, "+12125550199", null, "en");
        // Valid JSON, impossible content: a time zone that does not exist.
        var bad = new AppointmentBooked(Events.newId(), MORNING, 1, poison, "north", "Mars/Olympus_Mons", "REPAIR",
                good.customer(), good.address(), good.location(), good.windowStart(), good.windowEnd(), 2, null);
        UUID other = UUID.randomUUID();
        notifications.publish(bad);
        notifications.publish(booking(other, MORNING, PROMISED, "+12125550198", null, "en"));

        notifications.awaitKind(other, "BOOKING_CONFIRMATION", "SENT");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> parkedBy = List.of();
        while (parkedBy.isEmpty() && System.nanoTime() < deadline) {
            parkedBy = EventProbe.readRawToEnd(Topics.dlq(Topics.APPOINTMENTS)).stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(bad.eventId().toString()))
                    .map(r -> new String(r.headers().lastHeader("dlq-consumer").value(), StandardCharsets.UTF_8))
                    .toList();
        }
        assertEquals(List.of("notify.policy"), parkedBy, "the impossible booking is parked, once, by the policy");
        assertEquals(List.of(), notifications.rows(poison), "nothing is sent for it");
    }

    @Test
    void bookingIsConfirmedOnceThroughTheOutboxEvenWhenRedelivered() {
        UUID appointment = UUID.randomUUID();
        var booked = booking(appointment, MORNING, PROMISED, "+12125550101", null, "en");
        try (var probe = EventProbe.atEnd(Topics.NOTIFICATIONS)) {
            notifications.publish(booked);
            notifications.publish(booked); // redelivery: same event id
            // A producer retry with a new event id: same promise, so the same dedup key.
            notifications.publish(booking(appointment, MORNING, PROMISED, "+12125550101", null, "en"));
            notifications.publish(new AppointmentCanceled(Events.newId(), MORNING, 1, appointment, "customer", "x"));
            List<Row> rows = notifications.awaitKind(appointment, "CANCELLATION_CONFIRMATION", "SENT");
            assertEquals(List.of("BOOKING_CONFIRMATION", "CANCELLATION_CONFIRMATION"), kinds(rows));
            Row confirmation = rows.getFirst();
            assertEquals("twilio", confirmation.channel());
            assertTrue(confirmation.body().contains("between 14:00 and 18:00"), confirmation.body());
            var sent = probe.await(NotificationSent.class, e -> e.appointmentId().equals(appointment), 2,
                    Duration.ofSeconds(10));
            assertEquals(List.of("BOOKING_CONFIRMATION", "CANCELLATION_CONFIRMATION"),
                    sent.stream().map(NotificationSent::kind).toList());
            assertEquals("***0101", sent.getFirst().recipient());
            assertEquals(null, sent.getFirst().windowStart(), "a confirmation tells no narrowed window");
        }
    }

    @Test
    void forecastsNarrowThenUpdateOnlyOnMaterialMovesWithoutDuplicates() {
        UUID appointment = booked("+12125550102");
        Instant narrowed = PROMISED.plus(Duration.ofHours(1)); // 15:00–16:00 local
        var first = forecast(appointment, "tech-1", 1, narrowed, PROMISED, MORNING);
        notifications.publish(first);
        notifications.publish(first); // redelivered
        notifications.publish(forecast(appointment, "tech-1", 2, narrowed.plusSeconds(5 * 60), PROMISED, MORNING));
        notifications.publish(forecast(appointment, "tech-1", 3, narrowed.plusSeconds(30 * 60), PROMISED, MORNING));
        notifications.publish(forecast(appointment, "tech-1", 3, narrowed.plusSeconds(30 * 60), PROMISED, MORNING));
        notifications.publish(forecast(appointment, "tech-1", 4, narrowed.plusSeconds(60 * 60), PROMISED, MORNING));
        List<Row> rows = notifications.await(appointment, r -> r.size() >= 4 && r.stream()
                .allMatch(n -> n.state().equals("SENT")));
        assertEquals(List.of("BOOKING_CONFIRMATION", "WINDOW_NARROWED", "WINDOW_UPDATED", "WINDOW_UPDATED"),
                kinds(rows));
        assertEquals("Good news Rosa: your window is now 15:00\u201316:00.", rows.get(1).body());
        assertEquals(List.of("v3", "v4"), rows.subList(2, 4).stream().map(Row::dedupKey).toList());
    }

    @Test
    void forecastPastThePromiseSendsADelayNotice() {
        UUID appointment = booked("+12125550103");
        Instant late = PROMISED.plus(Duration.ofHours(3)).plusSeconds(45 * 60); // 17:45–18:45 local
        try (var probe = EventProbe.atEnd(Topics.NOTIFICATIONS)) {
            notifications.publish(forecast(appointment, "tech-1", 1, late, PROMISED, MORNING));
            Row delay = notifications.awaitKind(appointment, "DELAY", "SENT").getLast();
            // No window was told before, so no cause to give; how sure we are of the new one is always said.
            assertEquals("Sorry Rosa, we are running late. Your new window is 17:45\u201318:45. We are 80 % sure of "
                            + "this window. Reply R to reschedule.",
                    delay.body());
            // The NotificationSent carries the window it told, for the services that keep it.
            var sent = probe.await(NotificationSent.class, e -> e.appointmentId().equals(appointment)
                    && e.kind().equals("DELAY"), 1, Duration.ofSeconds(10)).getFirst();
            assertEquals(late, sent.windowStart());
            assertEquals(late.plus(Duration.ofHours(1)), sent.windowEnd());
            assertEquals(1, sent.forecastVersion());
        }
    }

    @Test
    void enRouteTextNamesTheTechnicianAndLinksTheTrackingPageThenCompletionAsksForFeedback() {
        UUID appointment = booked("+12125550104");
        Instant narrowed = PROMISED.plus(Duration.ofHours(1));
        notifications.publish(route("tech-7", "Sam", appointment, narrowed, MORNING));
        notifications.publish(forecast(appointment, "tech-7", 1, narrowed, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        var enRoute = status("tech-7", appointment, VisitStatus.EN_ROUTE, MORNING);
        notifications.publish(enRoute);
        notifications.publish(enRoute);
        notifications.publish(status("tech-7", appointment, VisitStatus.COMPLETED, MORNING));
        List<Row> rows = notifications.awaitKind(appointment, "COMPLETED", "SENT");
        assertEquals(List.of("BOOKING_CONFIRMATION", "WINDOW_NARROWED", "ON_THE_WAY", "COMPLETED"), kinds(rows));
        String onTheWay = rows.get(2).body();
        assertTrue(onTheWay.startsWith("Sam is on the way, arriving about 15:30. Follow along: "
                + "https://notify.example.test/t/"), onTheWay);
        assertTrue(rows.get(3).body().contains("/feedback/" + appointment), rows.get(3).body());
    }

    @Test
    void rescheduleIsConfirmedAndNarrowsAgainForTheNewPromise() {
        UUID appointment = booked("+12125550105");
        notifications.publish(forecast(appointment, "tech-1", 1, PROMISED, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        Instant tomorrow = PROMISED.plus(Duration.ofDays(1));
        notifications.publish(new AppointmentRescheduled(Events.newId(), MORNING, 1, appointment, PROMISED,
                PROMISED.plus(Duration.ofHours(4)), tomorrow, tomorrow.plus(Duration.ofHours(4)), "customer"));
        notifications.publish(forecast(appointment, "tech-1", 2, tomorrow, tomorrow, MORNING));
        List<Row> rows = notifications.await(appointment, r -> r.size() == 4 && r.getLast().state().equals("SENT"));
        assertEquals(List.of("BOOKING_CONFIRMATION", "WINDOW_NARROWED", "RESCHEDULE_CONFIRMATION", "WINDOW_NARROWED"),
                kinds(rows));
        assertTrue(rows.get(2).body().contains("Tuesday 3 March between 14:00 and 18:00"), rows.get(2).body());
    }

    @Test
    void quietHoursHoldTheConfirmationUntilEightInTheCustomersZone() throws Exception {
        Instant lateEvening = Instant.parse("2026-03-03T03:00:00Z"); // 22:00 in New York
        clock.set(lateEvening);
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, lateEvening, PROMISED.plus(Duration.ofDays(2)), "+12125550106",
                null, "en"));
        Row held = notifications.await(appointment, r -> !r.isEmpty()).getFirst();
        assertEquals("PENDING", held.state());
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), held.nextAttemptAt());
        sender.passOnce();
        assertEquals("PENDING", notifications.rows(appointment).getFirst().state());
        clock.set(Instant.parse("2026-03-03T13:00:01Z"));
        assertEquals("SENT", notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT").getFirst().state());
    }

    /**
     * A first window decided at 07:00 waits for quiet hours to end; a newer forecast meanwhile takes its place in that
     * text, so at 08:00 the customer reads the newest window once, not the old one followed by an update.
     */
    @Test
    void aFirstWindowWaitingForQuietHoursGoesWithTheNewestWindow() throws Exception {
        Instant seven = Instant.parse("2026-03-04T12:00:00Z"); // 07:00 in New York
        Instant promised = Instant.parse("2026-03-04T14:00:00Z"); // 09:00-13:00
        UUID appointment = firstWindowWaitingForQuietHours(seven, promised, "+12125550107");
        clock.set(seven.plus(Duration.ofMinutes(20)));
        Instant later = promised.plus(Duration.ofMinutes(45)); // 09:45-10:45
        notifications.publish(forecast(appointment, "tech-1", 2, later, promised, seven.plus(Duration.ofMinutes(20))));
        List<Row> held = notifications.await(appointment, r -> r.stream().anyMatch(n -> n.body().contains("09:45")));
        assertEquals(List.of("BOOKING_CONFIRMATION", "WINDOW_NARROWED"), kinds(held), "no update follows it");

        try (var probe = EventProbe.atEnd(Topics.NOTIFICATIONS)) {
            clock.set(Instant.parse("2026-03-04T13:00:01Z"));
            Row sent = notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT").stream()
                    .filter(r -> r.kind().equals("WINDOW_NARROWED")).findFirst().orElseThrow();
            assertTrue(sent.body().contains("09:45\u201310:45"), sent.body());
            NotificationSent told = probe.await(NotificationSent.class, e -> e.appointmentId().equals(appointment)
                    && e.kind().equals("WINDOW_NARROWED"), 1, Duration.ofSeconds(10)).getFirst();
            assertEquals(later, told.windowStart());
            assertEquals(2, told.forecastVersion());
        }
        assertEquals(List.of("BOOKING_CONFIRMATION", "WINDOW_NARROWED"), kinds(notifications.rows(appointment)));
    }

    /**
     * A window text still waiting when the van comes is taken back: told after the technician arrived, a window that
     * starts later says the technician came before it (at 600x one was decided on taps three minutes behind the van
     * and handed over a minute after it had come). The customer's told window is the one handed over before.
     */
    @Test
    void windowTextsNotHandedOverWhenTheVanComesAreTakenBack() throws Exception {
        Instant seven = Instant.parse("2026-03-05T12:00:00Z"); // 07:00 in New York
        Instant promised = Instant.parse("2026-03-05T13:00:00Z"); // 08:00-12:00
        // 08:00-09:00 decided at 07:00, waiting for quiet hours to end; a technician on an early start comes at 07:40.
        UUID appointment = firstWindowWaitingForQuietHours(seven, promised, "+12125550109");
        assertEquals(promised, notifications.toldStart(appointment));
        Instant came = seven.plus(Duration.ofMinutes(40));
        clock.set(came);
        notifications.publish(status("tech-1", appointment, VisitStatus.ARRIVED, came));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SUPPRESSED");
        assertEquals(null, notifications.toldStart(appointment), "nothing was told");

        clock.set(Instant.parse("2026-03-05T13:00:01Z"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        sender.passOnce();
        assertEquals("SUPPRESSED", notifications.rows(appointment).stream()
                .filter(r -> r.kind().equals("WINDOW_NARROWED")).findFirst().orElseThrow().state());
    }

    /**
     * A re-plan left the visit on nobody's route: the first window still waiting for 08:00 is taken back, and the
     * customer hears at 08:00 that the visit cannot be made today, with the booking page to pick another time; the
     * event redelivered texts nothing more.
     */
    @Test
    void aVisitDroppedFromTheDayIsToldOnceAndItsWaitingWindowTakenBack() throws Exception {
        Instant seven = Instant.parse("2026-03-05T12:00:00Z"); // 07:00 in New York
        Instant promised = Instant.parse("2026-03-05T13:00:00Z");
        UUID appointment = firstWindowWaitingForQuietHours(seven, promised, "+12125550110");
        Instant dropped = seven.plus(Duration.ofMinutes(30));
        clock.set(dropped);
        AppointmentUnassigned left = new AppointmentUnassigned(Events.newId(), dropped,
                AppointmentUnassigned.SCHEMA_VERSION, appointment, "north", LocalDate.of(2026, 3, 5), "tech-1", 4L,
                "re-plan: technician tech-1 absent");
        notifications.publish(left);
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SUPPRESSED");
        notifications.awaitKind(appointment, "NOT_TODAY", "PENDING");
        assertEquals(null, notifications.toldStart(appointment), "no window was told");
        notifications.publish(new AppointmentUnassigned(Events.newId(), dropped.plusSeconds(60),
                AppointmentUnassigned.SCHEMA_VERSION, appointment, "north", LocalDate.of(2026, 3, 5), "tech-1", 5L,
                "re-plan: again"));

        clock.set(Instant.parse("2026-03-05T13:00:01Z"));
        List<Row> rows = notifications.awaitKind(appointment, "NOT_TODAY", "SENT");
        Row text = rows.stream().filter(r -> r.kind().equals("NOT_TODAY")).findFirst().orElseThrow();
        assertTrue(text.body().startsWith("Sorry Rosa, we can no longer make your visit today (Thursday 5 March, "
                + "08:00\u201312:00)"), text.body());
        assertTrue(text.body().endsWith("http://localhost:8081/book"), text.body());
        assertEquals(1, rows.stream().filter(r -> r.kind().equals("NOT_TODAY")).count(), "told once");
    }

    /**
     * The technician cannot come (went home sick: "cannot complete" before the door) while the visit's window waited
     * for quiet hours to end: the window is taken back, and at 08:00 the customer hears only that the visit cannot be
     * made today.
     */
    @Test
    void aTechnicianWhoCannotComeTakesBackTheWaitingWindow() throws Exception {
        Instant seven = Instant.parse("2026-03-05T12:00:00Z"); // 07:00 in New York
        Instant promised = Instant.parse("2026-03-05T13:00:00Z");
        UUID appointment = firstWindowWaitingForQuietHours(seven, promised, "+12125550111");
        Instant wentHome = seven.plus(Duration.ofMinutes(20));
        clock.set(wentHome);
        notifications.publish(new VisitStatusChanged(Events.newId(), wentHome, VisitStatusChanged.SCHEMA_VERSION,
                "tech-1", appointment, VisitStatus.CANNOT_COMPLETE, "OTHER", "technician went home sick", wentHome,
                wentHome, UUID.randomUUID().toString()));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SUPPRESSED");
        assertEquals("VISIT_NOT_COMING", notifications.text("select last_error from notification where "
                + "appointment_id = ? and kind = 'WINDOW_NARROWED'", appointment));
        assertEquals(null, notifications.toldStart(appointment), "no window was told");

        clock.set(Instant.parse("2026-03-05T13:00:01Z"));
        notifications.awaitKind(appointment, "NOT_TODAY", "SENT");
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        sender.passOnce();
        List<String> sent = notifications.rows(appointment).stream().filter(r -> r.state().equals("SENT"))
                .map(Row::kind).toList();
        assertEquals(List.of("BOOKING_CONFIRMATION", "NOT_TODAY"), sent, "the window never went out");
    }

    /**
     * An appointment booked at {@code at} (before 08:00 in New York) for {@code promised}, whose first window (the
     * promise's first hour) is decided then and waits with its confirmation for quiet hours to end.
     */
    private UUID firstWindowWaitingForQuietHours(Instant at, Instant promised, String phone) {
        clock.set(at);
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, at, promised, phone, null, "en"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "PENDING");
        notifications.publish(forecast(appointment, "tech-1", 1, promised, promised, at));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "PENDING");
        return appointment;
    }

    @Test
    void reminderGoesOutOnceTheEveningBefore() throws Throwable {
        UUID appointment = booked("+12125550107");
        clock.set(Instant.parse("2026-03-01T23:30:00Z")); // 18:30 in New York, the day before
        reminders.scan();
        reminders.scan(); // a second scan (or replica) adds nothing
        List<Row> rows = notifications.awaitKind(appointment, "REMINDER", "SENT");
        assertEquals(List.of("BOOKING_CONFIRMATION", "REMINDER"), kinds(rows));
        assertTrue(rows.getLast().body().startsWith("Reminder: your visit is tomorrow, Monday 2 March, between 14:00"),
                rows.getLast().body());
    }

    @Test
    void senderPassAfterARestartNeverSendsASentMessageAgain() throws Exception {
        UUID appointment = booked("+12125550108");
        Row before = notifications.rows(appointment).getFirst();
        // What a restarted sender does first: claim whatever is due. A SENT row is never due again.
        clock.set(MORNING.plus(Duration.ofDays(3)));
        sender.passOnce();
        sender.passOnce();
        Row after = notifications.rows(appointment).getFirst();
        assertEquals("SENT", after.state());
        assertEquals(before.attempts(), after.attempts());
        assertNotNull(after.handedAt());
        assertEquals(before.handedAt(), after.handedAt());
    }
}
