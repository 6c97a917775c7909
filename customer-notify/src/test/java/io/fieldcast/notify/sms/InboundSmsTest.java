package io.fieldcast.notify.sms;

import io.fieldcast.events.CustomerReplied;
import io.fieldcast.events.ReplyKind;
import io.fieldcast.events.Topics;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.kinds;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Twilio inbound webhook and delivery-status callback, signed as Twilio signs them. */
@QuarkusTest
class InboundSmsTest {

    private static final String TOKEN = "test-auth-token";
    private static final String PUBLIC = "https://notify.example.test";
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

    private static ValidatableResponse post(String path, Map<String, String> form, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach(request::formParam);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(path).then();
    }

    private static ValidatableResponse signed(String path, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return post(path, form, TwilioSignature.sign(TOKEN, PUBLIC + path, params));
    }

    private static Map<String, String> text(String from, String body) {
        return text(from, body, "SM" + UUID.randomUUID());
    }

    private static Map<String, String> text(String from, String body, String sid) {
        return Map.of("From", from, "To", "+15005550006", "Body", body, "MessageSid", sid);
    }

    @Test
    void badOrMissingSignatureIs403() {
        post("/api/sms/inbound", text("+12125550200", "C"), "bm90IGEgc2lnbmF0dXJl").statusCode(403);
        post("/api/sms/inbound", text("+12125550200", "C"), null).statusCode(403);
        post("/api/sms/status", Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), "x").statusCode(403);
    }

    @Test
    void confirmReplyIsPublishedAndAnsweredInTheCustomersLanguage() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, "+34600000201", null, "es"));
        notifications.awaitContact(appointment);
        try (var probe = EventProbe.atEnd(Topics.CUSTOMER_REPLIES)) {
            signed("/api/sms/inbound", text("+34600000201", "c")).statusCode(200)
                    .body(containsString("<Message>Gracias, su visita está confirmada.</Message>"));
            signed("/api/sms/inbound", text("+34600000201", "R")).statusCode(200);
            var replies = probe.await(CustomerReplied.class, r -> r.appointmentId().equals(appointment), 2,
                    Duration.ofSeconds(10));
            assertEquals(List.of(ReplyKind.CONFIRM, ReplyKind.RESCHEDULE),
                    replies.stream().map(CustomerReplied::reply).toList());
        }
    }

    @Test
    void aTextDeliveredTwiceIsAnsweredTwiceButAppliedOnce() {
        UUID appointment = UUID.randomUUID();
        String phone = "+12125550204";
        notifications.publish(booking(appointment, MORNING, PROMISED, phone, null, "en"));
        notifications.awaitContact(appointment);
        String sid = "SM" + UUID.randomUUID();
        try (var probe = EventProbe.atEnd(Topics.CUSTOMER_REPLIES)) {
            signed("/api/sms/inbound", text(phone, "C", sid)).statusCode(200).body(containsString("confirmed"));
            // Twilio retries when our answer was slow; an attacker may replay a signed request.
            signed("/api/sms/inbound", text(phone, "C", sid)).statusCode(200).body(containsString("confirmed"));
            signed("/api/sms/inbound", text(phone, "R")).statusCode(200);
            var replies = probe.await(CustomerReplied.class, r -> r.appointmentId().equals(appointment), 2,
                    Duration.ofSeconds(10));
            assertEquals(List.of(ReplyKind.CONFIRM, ReplyKind.RESCHEDULE),
                    replies.stream().map(CustomerReplied::reply).toList(), "the replayed C published nothing");
        }
    }

    @Test
    void aTextWithoutMessageSidIsRefusedSayingWhy() {
        Map<String, String> form = Map.of("From", "+12125550205", "To", "+15005550006", "Body", "STOP");
        signed("/api/sms/inbound", form).statusCode(400).body(containsString("MessageSid"));
        assertEquals(List.of(), notifications.consentEvents("+12125550205"));
    }

    @Test
    void unknownTextGetsHelpAndHelpListsTheCommands() {
        signed("/api/sms/inbound", text("+12125550299", "what?")).statusCode(200)
                .body(containsString("we did not understand"));
        signed("/api/sms/inbound", text("+12125550299", "HELP")).statusCode(200)
                .body(containsString("Reply C to confirm"));
    }

    @Test
    void stopSilencesLaterAppointmentsUntilStart() {
        String phone = "+12125550202";
        UUID first = UUID.randomUUID();
        notifications.publish(booking(first, MORNING, PROMISED, phone, null, "en"));
        notifications.awaitKind(first, "BOOKING_CONFIRMATION", "SENT");
        signed("/api/sms/inbound", text(phone, "STOP")).statusCode(200).body(containsString("no more texts"));

        // A new booking for the same number: no text while opted out. The cancel after it proves it was processed.
        UUID second = UUID.randomUUID();
        notifications.publish(booking(second, MORNING, PROMISED.plus(Duration.ofDays(1)), phone, null, "en"));
        notifications.awaitContact(second);
        assertEquals(List.of(), kinds(notifications.rows(second)));

        String start = "SM" + UUID.randomUUID();
        signed("/api/sms/inbound", text(phone, "START", start)).statusCode(200)
                .body(containsString("Texts are on again"));
        signed("/api/sms/inbound", text(phone, "START", start)).statusCode(200);
        assertEquals(List.of("STOP", "START"), notifications.consentEvents(phone), "the history is kept, once each");
        UUID third = UUID.randomUUID();
        notifications.publish(booking(third, MORNING, PROMISED.plus(Duration.ofDays(2)), phone, null, "en"));
        assertEquals(List.of("BOOKING_CONFIRMATION"),
                kinds(notifications.awaitKind(third, "BOOKING_CONFIRMATION", "SENT")));
        assertEquals(List.of(), kinds(notifications.rows(second)));
    }

    @Test
    void theConsentHistoryCannotBeRewrittenNorErased() {
        String phone = "+12125550206";
        signed("/api/sms/inbound", text(phone, "STOP")).statusCode(200);

        SQLException update = assertThrows(SQLException.class, () -> notifications.execute(
                "update sms_consent_event set kind = 'START' where phone = '" + phone + "'"));
        SQLException delete = assertThrows(SQLException.class, () -> notifications.execute(
                "delete from sms_consent_event where phone = '" + phone + "'"));

        assertTrue(update.getMessage().contains("sms_consent_event is append-only: UPDATE is not allowed"),
                update.getMessage());
        assertTrue(delete.getMessage().contains("sms_consent_event is append-only: DELETE is not allowed"),
                delete.getMessage());
        assertEquals(List.of("STOP"), notifications.consentEvents(phone));
    }

    @Test
    void deliveryStatusCallbackIsRecordedOnTheMessage() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, "+12125550203", null, "en"));
        var row = notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT").getFirst();
        String sid = row.providerMessageId();
        assertTrue(sid.startsWith("SM"), "the carrier's message id: " + sid);
        signed("/api/sms/status", Map.of("MessageSid", sid, "MessageStatus", "delivered")).statusCode(204);
        assertEquals("delivered", notifications.rows(appointment).getFirst().deliveryStatus());
    }
}
