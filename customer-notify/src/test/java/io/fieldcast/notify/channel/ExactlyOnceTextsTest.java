package io.fieldcast.notify.channel;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.notify.support.Notifications.Row;
import io.fieldcast.notify.support.TwilioStandIn;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sender that dies between handing a text to the carrier and recording it leaves the row SENDING. Once its lease
 * has run out the text is reconciled with the carrier's message list: found there, it is recorded as sent and not sent
 * again; not found, it is sent once. Counted at the carrier's stand-in.
 */
@QuarkusTest
class ExactlyOnceTextsTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource db;
    @Inject
    NotificationSender sender;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    @Test
    void textTheCarrierTookBeforeTheSenderDiedIsRecordedNotSentAgain() throws Exception {
        String phone = "+12125550420";
        Claimed row = crashedAfterClaim(phone);
        String sid = TwilioStandIn.get().accept(phone, row.body()); // the carrier took it; the sender died

        expire(row.id());
        sender.wake();
        Row after = notifications.awaitKind(row.appointmentId(), "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertEquals(sid, after.providerMessageId(), "the carrier's copy is the one recorded");
        assertEquals(1, TwilioStandIn.get().acceptedTo(phone).size(), "the customer got the text once");
        assertEquals(1, after.attempts(), "reconciling is not another attempt");
    }

    @Test
    void textTheCarrierNeverGotIsSentOnceAfterTheLease() throws Exception {
        String phone = "+12125550421";
        Claimed row = crashedAfterClaim(phone);
        assertEquals(0, TwilioStandIn.get().acceptedTo(phone).size());

        expire(row.id());
        sender.wake();
        Row after = notifications.awaitKind(row.appointmentId(), "BOOKING_CONFIRMATION", "SENT").getFirst();
        assertEquals(1, TwilioStandIn.get().acceptedTo(phone).size());
        assertEquals(TwilioStandIn.get().acceptedTo(phone).getFirst().sid(), after.providerMessageId());
    }

    @Test
    void claimStillWithinItsLeaseIsLeftAlone() throws Exception {
        String phone = "+12125550422";
        Claimed row = crashedAfterClaim(phone);
        sender.passOnce();
        sender.passOnce();
        assertEquals("SENDING", notifications.rows(row.appointmentId()).getFirst().state(),
                "another sender may still be handing it over");
        assertEquals(0, TwilioStandIn.get().acceptedTo(phone).size());
        expire(row.id());
    }

    /**
     * A booking whose confirmation a sender claimed and then died with: the row is SENDING under a token nobody
     * holds, leased for a while. Built by holding the sender back while the row is decided, then claiming it by hand.
     */
    private Claimed crashedAfterClaim(String phone) throws Exception {
        UUID appointment = UUID.randomUUID();
        // Quiet hours hold the confirmation: decided, PENDING, not yet due, so the live sender leaves it alone.
        clock.set(Instant.parse("2026-03-03T03:00:00Z"));
        notifications.publish(booking(appointment, clock.instant(), PROMISED.plusSeconds(2 * 86_400), phone, null,
                "en"));
        Row pending = notifications.await(appointment, r -> !r.isEmpty()).getFirst();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                update notification set state = 'SENDING', claim_token = gen_random_uuid(),
                    claimed_at = clock_timestamp(), claimed_until = clock_timestamp() + interval '10 minutes',
                    attempts = attempts + 1
                where id = ? and state = 'PENDING'""")) {
            st.setLong(1, pending.id());
            assertEquals(1, st.executeUpdate());
        }
        clock.set(MORNING);
        Row row = notifications.rows(appointment).getFirst();
        return new Claimed(appointment, row.id(), row.body());
    }

    private record Claimed(UUID appointmentId, long id, String body) {
    }

    /** The dead sender's lease runs out. */
    private void expire(long id) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "update notification set claimed_until = clock_timestamp() - interval '1 second' where id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }
}
