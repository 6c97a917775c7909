package io.fieldcast.notify.flow;

import io.fieldcast.events.Events;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.Topics;
import io.fieldcast.notify.persistence.PersonalData;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.notify.support.TwilioStandIn;
import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.NEW_YORK;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer portal's texts (PortalMessage on fieldcast.portal-messages) through the real broker, PostgreSQL and the
 * Twilio channel: one-time codes, waitlist offers and their withdrawal.
 */
@QuarkusTest
class PortalTextsTest {

    /** 10:00 in New York on Monday 2 March 2026 (EST, UTC-5). */
    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    /** 22:00 in New York: quiet hours. */
    private static final Instant NIGHT = Instant.parse("2026-03-03T03:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    PersonalData personal;
    @Inject
    PrivacySettings settings;
    @Inject
    TokenIssuer tokens;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    private static PortalMessage code(String phone, String language, String code, Instant at) {
        return new PortalMessage(Events.newId(), at, PortalMessage.SCHEMA_VERSION, PortalMessage.PHONE_CODE, phone,
                language, NEW_YORK, null, code, null, null, null, at.plus(Duration.ofMinutes(10)));
    }

    private static PortalMessage waitlist(String kind, String phone, String language, UUID appointment,
                                          Instant windowStart, Instant at) {
        return new PortalMessage(Events.newId(), at, PortalMessage.SCHEMA_VERSION, kind, phone, language, NEW_YORK,
                appointment, null, kind.equals(PortalMessage.WAITLIST_OFFER)
                ? "https://portal.example.test/w/accept-" + appointment : null,
                windowStart, windowStart.plus(Duration.ofHours(2)), at.plus(Duration.ofMinutes(30)));
    }

    private static boolean sent(List<Row> rows) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.state().equals("SENT"));
    }

    @Test
    void aCodeIsTextedOnceEvenAtNightAndRedeliveredAndNeverLeavesTheService() {
        clock.set(NIGHT);
        String phone = "+12125550901";
        PortalMessage message = code(phone, "en", "123456", NIGHT);
        notifications.publish(message);
        notifications.publish(message); // redelivered: same event id

        List<Row> rows = notifications.awaitCodes(phone, PortalTextsTest::sent);
        assertEquals(1, rows.size(), rows.toString());
        Row text = rows.getFirst();
        assertEquals("PHONE_CODE", text.kind());
        assertEquals("SENT", text.state(), "quiet hours do not hold a code: the person is on the page");
        assertEquals("twilio", text.channel());
        assertEquals("Your Fieldcast code is 123456. It expires in 10 minutes.", text.body());
        List<TwilioStandIn.Accepted> carrier = TwilioStandIn.get().acceptedTo(phone);
        assertEquals(1, carrier.size());
        assertEquals(text.body(), carrier.getFirst().body());
        // The code is in the message body only: no event leaves the service with it.
        assertEquals(0L, notifications.count("select count(*) from outbox where payload like '%123456%'"));
    }

    @Test
    void aSpanishCodeIsInSpanish() {
        String phone = "+12125550902";
        notifications.publish(code(phone, "es", "654321", MORNING));
        Row text = notifications.awaitCodes(phone, PortalTextsTest::sent).getFirst();
        assertEquals("Su código de Fieldcast es 654321. Caduca en 10 minutos.", text.body());
    }

    @Test
    void aCodeForANumberThatRepliedStopIsRecordedAsSuppressedWithoutTheCode() throws Exception {
        String phone = "+12125550903";
        notifications.execute("insert into sms_opt_out (phone, opted_out_at) values ('" + phone + "', now())");
        PortalMessage message = code(phone, "en", "777888", MORNING);
        notifications.publish(message);

        List<Row> rows = notifications.awaitCodes(phone, r -> !r.isEmpty());
        assertEquals(1, rows.size());
        Row row = rows.getFirst();
        assertEquals("SUPPRESSED", row.state());
        assertEquals("", row.body(), "a code that is not sent is not stored");
        assertEquals("OPTED_OUT", notifications.text("select last_error from notification where id = ?", row.id()));
        assertEquals(List.of(), TwilioStandIn.get().acceptedTo(phone));
        assertEquals(0L, notifications.count("select count(*) from notification where body like '%777888%'"));
    }

    @Test
    void aWaitlistOfferSaysTheEarlierWindowItsLinkAndUntilWhenThenItsWithdrawal() {
        String phone = "+12125550904";
        UUID appointment = UUID.randomUUID();
        Instant earlier = Instant.parse("2026-03-03T14:00:00Z"); // 09:00–11:00 in New York, the next day
        notifications.publish(waitlist(PortalMessage.WAITLIST_OFFER, phone, "en", appointment, earlier, MORNING));
        notifications.publish(waitlist(PortalMessage.WAITLIST_TAKEN, phone, "en", appointment, earlier, MORNING));

        List<Row> rows = notifications.await(appointment, r -> r.size() == 2 && sent(r));
        assertEquals(List.of("WAITLIST_OFFER", "WAITLIST_TAKEN"), Notifications.kinds(rows));
        assertEquals("Good news: an earlier visit is free on Tuesday 3 March between 09:00 and 11:00. It is held for "
                + "you until 10:30 on Monday 2 March. Take it here: https://portal.example.test/w/accept-"
                + appointment, rows.get(0).body());
        assertEquals("Sorry, the earlier visit on Tuesday 3 March between 09:00 and 11:00 went to someone else. "
                + "Your appointment keeps its window.", rows.get(1).body());
    }

    @Test
    void aSpanishOfferIsInSpanishAndAnExpiredOfferIsNotSent() {
        String phone = "+12125550905";
        UUID appointment = UUID.randomUUID();
        Instant earlier = Instant.parse("2026-03-03T14:00:00Z");
        notifications.publish(waitlist(PortalMessage.WAITLIST_OFFER, phone, "es", appointment, earlier, MORNING));
        Row offer = notifications.await(appointment, PortalTextsTest::sent).getFirst();
        assertTrue(offer.body().startsWith("Buenas noticias: hay una visita antes libre el martes 3 marzo entre las "
                + "09:00 y las 11:00. Se la guardamos hasta las 10:30 del lunes 2 marzo."), offer.body());

        UUID late = UUID.randomUUID();
        // Consumed after it expired (an hour after it was made): nobody can take it any more.
        clock.set(MORNING.plus(Duration.ofHours(1)));
        notifications.publish(waitlist(PortalMessage.WAITLIST_OFFER, phone, "en", late, earlier, MORNING));
        Row expired = notifications.await(late, r -> !r.isEmpty()).getFirst();
        assertEquals("SUPPRESSED", expired.state());
        assertEquals("EXPIRED", notifications.text("select last_error from notification where id = ?",
                expired.id()));
    }

    @Test
    void anInvalidPortalMessageIsParkedWithoutItsCodeAndTheNextOneIsStillSent() {
        String phone = "+12125550906";
        // Impossible: a phone that is no number. Its code must not be named where the failure is told.
        PortalMessage bad = code("call me", "en", "246810", MORNING);
        PortalMessage noCode = code(phone, "en", null, MORNING);
        notifications.publish(bad);
        notifications.publish(noCode);
        notifications.publish(code(phone, "en", "135790", MORNING));

        List<Row> rows = notifications.awaitCodes(phone, PortalTextsTest::sent);
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.getFirst().body().contains("135790"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> errors = List.of();
        while (errors.size() < 2 && System.nanoTime() < deadline) {
            errors = EventProbe.readRawToEnd(Topics.dlq(Topics.PORTAL_MESSAGES)).stream()
                    .filter(r -> {
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        return value.contains(bad.eventId().toString()) || value.contains(noCode.eventId().toString());
                    })
                    .filter(r -> "notify.policy".equals(new String(r.headers().lastHeader("dlq-consumer").value(),
                            StandardCharsets.UTF_8)))
                    .map(r -> new String(r.headers().lastHeader("dlq-error").value(), StandardCharsets.UTF_8))
                    .toList();
        }
        assertEquals(2, errors.size(), "both invalid messages are parked, once each, by the policy: " + errors);
        assertTrue(errors.stream().anyMatch(e -> e.contains("phone is not a number")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("no code")), errors.toString());
        assertFalse(errors.stream().anyMatch(e -> e.contains("246810")), "the failure never names the code");
        assertEquals(0L, notifications.count("select count(*) from notification where body like '%246810%'"));
    }

    @Test
    void aCodeDoesNotOutliveMessageRetention() throws Exception {
        String phone = "+12125550907";
        notifications.publish(code(phone, "en", "112233", MORNING));
        Row text = notifications.awaitCodes(phone, PortalTextsTest::sent).getFirst();
        assertTrue(text.body().contains("112233"));

        // Sent a day longer ago than messages are kept.
        notifications.execute("update notification set created_at = created_at - interval '1 day' - "
                + "interval '" + settings.messageContents().toSeconds() + " seconds' where id = " + text.id());
        personal.run(clock.instant(), settings);

        assertEquals(0L, notifications.count("select count(*) from notification where body like '%112233%'"));
        Row erased = notifications.rowsById(text.id());
        assertEquals("", erased.body());
        assertEquals("", erased.recipient());
        assertEquals("SENT", erased.state(), "the text is still counted");
        assertNull(notifications.text("select subject from notification where id = ?", text.id()));
    }

    @Test
    void aCodeIsInTheOutboxForDispatchersOfEveryTerritoryAndStoredOnceByItsKey() throws Exception {
        String phone = "+12125550908";
        PortalMessage message = code(phone, "en", "909090", MORNING);
        notifications.publish(message);
        Row text = notifications.awaitCodes(phone, PortalTextsTest::sent).getFirst();

        String everyTerritory = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
        given().auth().oauth2(everyTerritory).get("/api/outbox").then().statusCode(200)
                .body("id", hasItem((int) text.id()));
        // A code is about no appointment, so no territory: a dispatcher of some territories does not see it.
        String north = tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of("north")).token();
        given().auth().oauth2(north).get("/api/outbox").then().statusCode(200)
                .body("id", not(hasItem((int) text.id())));

        // The once-only key holds without an appointment too (a missing appointment is not "distinct").
        notifications.execute("""
                insert into notification (appointment_id, kind, dedup_key, medium, channel, recipient, language, body,
                                          state, next_attempt_at, triggered_at, created_at)
                values (null, 'PHONE_CODE', '%s', 'SMS', 'twilio', '%s', 'en', 'again', 'PENDING', now(), now(), now())
                on conflict on constraint notification_once do nothing""".formatted(text.dedupKey(), phone));
        assertEquals(1, notifications.codesTo(phone).size());
    }
}
