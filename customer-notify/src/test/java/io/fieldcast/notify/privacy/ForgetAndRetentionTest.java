package io.fieldcast.notify.privacy;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Events;
import io.fieldcast.notify.persistence.PersonalData;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * customer-notify applies CustomerForgotten once (names, phones, bodies and inbound texts erased, counts and states
 * kept, a message not sent yet never sent, audited) and its retention pass anonymizes old rows and leaves young ones.
 */
@QuarkusTest
class ForgetAndRetentionTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource db;
    @Inject
    PersonalData personal;
    @Inject
    PrivacySettings settings;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    @Test
    void forgottenCustomerIsErasedOnceKeepingCountsAndStates() throws Exception {
        UUID appointment = UUID.randomUUID();
        String phone = "+12125550777";
        AppointmentBooked booked = Notifications.booking(appointment, MORNING, MORNING.plus(Duration.ofHours(20)),
                phone, null, "en");
        notifications.publish(booked);
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        notifications.execute("insert into sms_inbound (message_sid, phone, reply, received_at) values ('SM-forget', '"
                + phone + "', 'C', now())");
        // A message decided but not handed over yet (due tomorrow): it must never go out.
        notifications.execute("""
                insert into notification (appointment_id, kind, dedup_key, medium, channel, recipient, language, body,
                                          state, next_attempt_at, triggered_at, created_at)
                values ('%s', 'REMINDER', 'r', 'SMS', 'twilio', '%s', 'en', 'See you tomorrow, Rosa', 'PENDING',
                        now() + interval '1 day', now(), now())""".formatted(appointment, phone));

        // A webhook delivery of the booking, not yet delivered (its receiver is down): it must never go out either.
        UUID hook = UUID.randomUUID();
        notifications.execute("""
                insert into webhook_subscription (id, url, secret, event_types, created_at, created_by, active)
                values ('%s', 'https://crm.example.com/hook', 'whsec_x', '{appointment.booked}', now(), 'ada', false)"""
                .formatted(hook));
        notifications.execute("""
                insert into webhook_delivery (subscription_id, event_id, event_type, occurred_at, appointment_id,
                                              payload, next_attempt_at, created_at)
                values ('%s', '%s', 'appointment.booked', now(), '%s', '{"phone":"%s"}', now(), now())"""
                .formatted(hook, booked.eventId(), appointment, phone));

        // The confirmation's NotificationSent is published: only rows already on Kafka are erased from the outbox.
        awaitZero("select count(*) from outbox where published_at is null and payload like '%" + appointment + "%'");
        UUID customer = booked.customer().customerId();
        var forgotten = new CustomerForgotten(Events.newId(), MORNING, 1, customer, List.of(appointment), "root");
        var marker = new CustomerForgotten(Events.newId(), MORNING, 1, customer, List.of(), "root");
        notifications.publish(forgotten);
        notifications.publish(forgotten); // redelivered: applied once
        notifications.publish(marker); // same key, so applied after both
        awaitAudit(marker.eventId());

        assertEquals(1, count("select count(*) from audit_log where entity_type = 'customer' and entity_id = '"
                + customer + "' and action = 'FORGOTTEN' and reason = 'CustomerForgotten " + forgotten.eventId()
                + "'"));
        assertEquals(1, count("select count(*) from appointment_contact where appointment_id = '" + appointment
                + "' and first_name is null and phone is null and email is null and status = 'BOOKED'"));
        List<Row> rows = notifications.rows(appointment);
        assertEquals(2, rows.size(), "rows stay: counts hold");
        assertTrue(rows.stream().allMatch(r -> r.recipient().isEmpty() && r.body().isEmpty()), rows.toString());
        assertEquals(List.of("SENT", "FAILED"), rows.stream().map(Row::state).toList());
        assertEquals(1, count("select count(*) from sms_inbound where message_sid = 'SM-forget' and phone = ''"
                + " and reply is null"));
        assertEquals(1, count("select count(*) from webhook_delivery where subscription_id = '" + hook
                + "' and payload = '' and state = 'FAILED' and last_error = 'customer forgotten'"));
        assertEquals(0, count("select count(*) from audit_log where concat(entity_id, reason, before_json, "
                + "after_json) like '%" + phone + "%'"), "the audit row holds no phone");
        assertEquals(0, count("select count(*) from outbox where published_at is not null and payload like '%"
                + appointment + "%'"), "published outbox rows of the appointment are gone");
    }

    @Test
    void retentionAnonymizesOldMessagesTextsAndViewsAndLeavesYoungOnes() throws Exception {
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        message(old, "+12125550881", 100);
        message(young, "+12125550882", 10);
        contact(old, "+12125550881", 100);
        contact(young, "+12125550882", 10);
        Instant now = clock.instant();
        notifications.execute("insert into sms_inbound (message_sid, phone, reply, received_at) values "
                + "('SM-old', '+12125550881', 'R', '" + now.minus(Duration.ofDays(100)) + "'), "
                + "('SM-young', '+12125550882', 'Y', '" + now.minus(Duration.ofDays(10)) + "')");

        assertTrue(personal.run(clock.instant(), settings) >= 3);

        assertEquals("", notifications.rows(old).getFirst().body());
        assertEquals("SENT", notifications.rows(old).getFirst().state());
        assertEquals("Your visit, Ana", notifications.rows(young).getFirst().body());
        assertEquals(1, count("select count(*) from sms_inbound where message_sid = 'SM-old' and phone = ''"));
        assertEquals(1, count("select count(*) from sms_inbound where message_sid = 'SM-young' and reply = 'Y'"));
        assertEquals(1, count("select count(*) from appointment_contact where appointment_id = '" + old
                + "' and phone is null and first_name is null"));
        assertEquals(1, count("select count(*) from appointment_contact where appointment_id = '" + young
                + "' and phone = '+12125550882'"));
        assertEquals(0, personal.run(clock.instant(), settings), "nothing left for a second pass");
    }

    private void message(UUID appointment, String phone, int daysAgo) throws SQLException {
        Instant at = clock.instant().minus(Duration.ofDays(daysAgo));
        notifications.execute("""
                insert into notification (appointment_id, kind, dedup_key, medium, channel, recipient, language, body,
                                          state, next_attempt_at, triggered_at, created_at, handed_at)
                values ('%s', 'BOOKING_CONFIRMATION', 'b', 'SMS', 'twilio', '%s', 'en', 'Your visit, Ana', 'SENT',
                        '%s', '%s', '%s', '%s')""".formatted(appointment, phone, at, at, at, at));
    }

    private void contact(UUID appointment, String phone, int daysAgo) throws SQLException {
        Instant end = clock.instant().minus(Duration.ofDays(daysAgo));
        notifications.execute("""
                insert into appointment_contact (appointment_id, customer_id, first_name, phone, time_zone,
                                                 window_start, window_end, status, updated_at)
                values ('%s', '%s', 'Ana', '%s', 'UTC', '%s', '%s', 'BOOKED', '%s')"""
                .formatted(appointment, UUID.randomUUID(), phone, end.minus(Duration.ofHours(4)), end, end));
    }

    private void awaitZero(String countSql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(countSql) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never zero: " + countSql);
            }
            Thread.sleep(100);
        }
    }

    private void awaitAudit(UUID eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from audit_log where reason = 'CustomerForgotten " + eventId + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never applied: " + eventId);
            }
            Thread.sleep(100);
        }
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
