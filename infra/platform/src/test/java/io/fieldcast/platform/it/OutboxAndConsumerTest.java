package io.fieldcast.platform.it;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.outbox.OutboxRelay;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxAndConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TokenIssuer tokens;
    @Inject
    EventPublisher publisher;
    @Inject
    AgroalDataSource db;
    @Inject
    SeenHandler seenHandler;
    @Inject
    OutboxRelay relay;

    @Test
    void rowAndEventCommitTogetherAndAnotherConsumerReadsItBack() throws Exception {
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            String id = given().auth().oauth2(dispatcherToken()).contentType("application/json")
                    .body("{\"text\":\"hello outbox\"}")
                    .post("/test/notes").then().statusCode(200).extract().path("id");

            var events = probe.await(AppointmentCanceled.class, e -> e.appointmentId().toString().equals(id), 1, WAIT);
            assertEquals(1, events.size(), "the outbox relay published the event through the broker");
            assertEquals("hello outbox", events.getFirst().reason());
            assertEquals("dispatcher-ana", events.getFirst().canceledBy());
            awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and appointment_id = '" + id + "'", 1);
            assertEquals(1, count("select count(*) from test_note where id = '" + id + "'"));
        }
    }

    @Test
    void rolledBackWriteNeverPublishes() throws Exception {
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            given().auth().oauth2(dispatcherToken()).contentType("application/json")
                    .body("{\"text\":\"must vanish\"}")
                    .queryParam("fail", true)
                    .post("/test/notes").then().statusCode(409);
            var seen = probe.drain(Duration.ofSeconds(2));
            assertTrue(seen.stream().noneMatch(e -> e instanceof AppointmentCanceled c
                    && "must vanish".equals(c.reason())), "a rolled back write published " + seen);
            assertEquals(0, count("select count(*) from test_note where text = 'must vanish'"));
            assertEquals(0, count("select count(*) from outbox where payload like '%must vanish%'"));
        }
    }

    @Test
    void redeliveredEventIsAppliedOnce() throws Exception {
        var event = canceled(UUID.randomUUID());
        publisher.send(event).get(10, TimeUnit.SECONDS);
        publisher.send(event).get(10, TimeUnit.SECONDS);
        UUID marker = UUID.randomUUID();
        publisher.send(canceled(marker)).get(10, TimeUnit.SECONDS);
        // The marker is on another key; wait until the consumer is past both copies of the duplicate.
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and appointment_id = '" + event.appointmentId() + "'", 1);
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and appointment_id = '" + marker + "'", 1);
        Thread.sleep(500);
        assertEquals(1, count("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '" + event.eventId() + "'"));
    }

    @Test
    void anEventTheHandlerDoesNotWantIsPassedOverWithoutATransactionOrAMark() throws Exception {
        UUID appointment = UUID.randomUUID();
        var unwanted = canceled(appointment);
        var wanted = canceled(appointment); // the same key: the same partition, read after the unwanted one
        seenHandler.passOver(unwanted.eventId());
        publisher.send(unwanted).get(10, TimeUnit.SECONDS);
        publisher.send(wanted).get(10, TimeUnit.SECONDS);
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '" + wanted.eventId() + "'", 1);
        assertEquals(0, count("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '" + unwanted.eventId() + "'"));
        assertEquals(0, count("select count(*) from processed_event where consumer = 'platform-test.seen' and event_id = '"
                + unwanted.eventId() + "'"), "no de-duplication mark for an event passed over");
        assertEquals(1, count("select count(*) from processed_event where consumer = 'platform-test.seen' and event_id = '"
                + wanted.eventId() + "'"));
    }

    @Test
    void undecodablePayloadGoesToDeadLetterTopicAndConsumptionContinues() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        publisher.sendRaw(new ProducerRecord<>(Topics.APPOINTMENTS, key,
                "{not an event".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        var after = canceled(UUID.randomUUID());
        publisher.send(after).get(10, TimeUnit.SECONDS);

        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and appointment_id = '" + after.appointmentId() + "'", 1);
        // The garbage may sit on another partition than the event after it: wait for it to be parked too.
        List<ConsumerRecord<String, byte[]>> parked = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (parked.isEmpty() && System.nanoTime() < deadline) {
            parked = EventProbe.readRawToEnd(Topics.dlq(Topics.APPOINTMENTS)).stream()
                    .filter(r -> key.equals(r.key()) && "platform-test.seen".equals(new String(
                            r.headers().lastHeader("dlq-consumer").value(), StandardCharsets.UTF_8))).toList();
        }
        assertEquals(1, parked.size());
        assertEquals("{not an event", new String(parked.getFirst().value(), StandardCharsets.UTF_8));
        assertTrue(parked.getFirst().headers().lastHeader("dlq-error") != null);
    }

    @Test
    void failingHandlerIsRetriedUntilItSucceeds() throws Exception {
        seenHandler.failNext(3);
        var event = canceled(UUID.randomUUID());
        publisher.send(event).get(10, TimeUnit.SECONDS);
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '" + event.eventId() + "'", 1);
    }

    @Test
    void purgeDeletesPublishedRowsAndMarksPastRetentionOnly() throws Exception {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("insert into outbox (event_id, topic, msg_key, event_type, payload, occurred_at, "
                    + "published_at) values ('" + old + "', 't', 'k', 'X', '{}', '2000-01-01Z', '2000-01-01Z'), ('"
                    + recent + "', 't', 'k', 'X', '{}', '2000-01-01Z', '2999-01-01Z')"); // published "later" than any clock
            st.executeUpdate("insert into processed_event (consumer, event_id, processed_at) values "
                    + "('purge-test', '" + old + "', now() - interval '30 days'), ('purge-test', '" + recent
                    + "', now())");
        }
        assertTrue(relay.purge() >= 2);
        assertEquals(0, count("select count(*) from outbox where event_id = '" + old + "'"));
        assertEquals(1, count("select count(*) from outbox where event_id = '" + recent + "'"),
                "a row published within retention stays");
        assertEquals(0, count("select count(*) from processed_event where event_id = '" + old + "'"));
        assertEquals(1, count("select count(*) from processed_event where event_id = '" + recent + "'"));
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("delete from outbox where event_id = '" + recent + "'");
        }
    }

    private AppointmentCanceled canceled(UUID appointment) {
        return new AppointmentCanceled(Events.newId(), Instant.parse("2026-03-02T10:00:00Z"), 1, appointment,
                "test", "consumer test");
    }

    private String dispatcherToken() {
        return tokens.forUser("dispatcher-ana", Set.of(Roles.DISPATCHER)).token();
    }

    private void awaitRows(String sql, long expected) throws Exception {
        TestRows.await(db, sql, expected, WAIT);
    }

    private long count(String sql) throws Exception {
        return TestRows.count(db, sql);
    }
}
