package io.fieldcast.notify.channel;

import io.fieldcast.events.NotificationFailed;
import io.fieldcast.events.Topics;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.notify.support.SmtpStandIn;
import io.fieldcast.notify.support.TwilioStandIn;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS through the Twilio REST adapter and e-mail through SMTP, against local stand-ins (the test application's
 * channels): retries, the end of retries, the customer's language.
 */
@QuarkusTest
class CarrierChannelsTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    @Test
    void smsGoesThroughTheTwilioApiAndIsRetriedAfterFailures() {
        String phone = "+12125550400";
        TwilioStandIn.get().failNext(2);
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, phone, null, "en"));
        Row sent = notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertEquals(3, sent.attempts());
        assertEquals("twilio", sent.channel());
        var requests = TwilioStandIn.get().requestsTo(phone);
        assertEquals(3, requests.size());
        var last = requests.getLast();
        assertEquals("/2010-04-01/Accounts/ACtest/Messages.json", last.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ACtest:test-auth-token"
                .getBytes(StandardCharsets.UTF_8)), last.authorization());
        assertEquals(sent.body(), last.form().get("Body"));
        assertEquals("https://notify.example.test/api/sms/status", last.form().get("StatusCallback"));
        assertTrue(sent.body().startsWith("Hi Rosa, your visit is booked"), sent.body());
    }

    @Test
    void messageThatNeverGetsThroughEndsAsNotificationFailed() {
        String phone = "+12125550401";
        TwilioStandIn.get().failNext(100);
        UUID appointment = UUID.randomUUID();
        try (var probe = EventProbe.atEnd(Topics.NOTIFICATIONS)) {
            notifications.publish(booking(appointment, MORNING, PROMISED, phone, null, "en"));
            Row failed = notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "FAILED").getFirst();
            assertEquals(4, failed.attempts());
            var events = probe.await(NotificationFailed.class, e -> e.appointmentId().equals(appointment), 1,
                    Duration.ofSeconds(10));
            assertEquals(1, events.size());
            assertEquals(4, events.getFirst().attempts());
        } finally {
            TwilioStandIn.get().failNext(0);
        }
        assertEquals(4, TwilioStandIn.get().requestsTo(phone).size());
    }

    @Test
    void customerWithoutSmsGetsEMailInTheirLanguage() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, null, "rosa.es@example.com", "es"));
        Row sent = notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertEquals("email", sent.channel());
        List<SmtpStandIn.Mail> mails = SmtpStandIn.get().mailsTo("rosa.es@example.com");
        assertEquals(1, mails.size());
        assertTrue(mails.getFirst().data().contains("Subject: Su visita de Fieldcast"), mails.getFirst().data());
    }
}
