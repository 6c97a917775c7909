package io.fieldcast.dispatch.outbox;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.Topics;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.SharedKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bookings made while Kafka is down are committed (the outbox holds their events), and once the broker is back
 * every event arrives, none lost; after de-duplication by event id each exactly once. The test JVM's own broker
 * stops and starts again under the running service, as a broker restart would.
 */
@QuarkusTest
class BrokerOutageTest {

    @Inject
    TestCompanies companies;
    @Inject
    AgroalDataSource db;

    @Test
    void bookingsDuringAnOutageArriveExactlyOnceAfterTheBrokerReturns() throws Exception {
        SharedKafka kafka = SharedKafka.get();
        assumeTrue(kafka.restartable(), "the broker is an external cluster: this test cannot take it away");
        var f = companies.create("outage");
        String before = f.book(40, "2026-03-03T08:00:00Z", "outage");
        awaitIds(Set.of(before), Duration.ofSeconds(30));

        kafka.stopBroker();
        String during1;
        String during2;
        try {
            during1 = f.book(41, "2026-03-03T12:00:00Z", "outage");
            during2 = f.book(42, "2026-03-04T08:00:00Z", "outage");
            Thread.sleep(2000); // the relay tries, fails and backs off while the broker is away
        } finally {
            kafka.startBroker();
        }

        List<AppointmentBooked> seen = awaitIds(Set.of(before, during1, during2), Duration.ofSeconds(60));
        Set<UUID> eventIds = new HashSet<>();
        seen.forEach(e -> eventIds.add(e.eventId()));
        assertEquals(3, eventIds.size(), "one event per booking after de-duplication: " + seen);
        assertTrue(seen.stream().map(e -> e.appointmentId().toString()).toList()
                .containsAll(List.of(before, during1, during2)));
    }

    /** Waits until every id is on the topic; a copy the relay sent again (it could not confirm the first) counts once. */
    private List<AppointmentBooked> awaitIds(Set<String> ids, Duration timeout) {
        try (EventProbe probe = EventProbe.fromBeginning(Topics.APPOINTMENTS)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<AppointmentBooked> found = List.of();
            Set<String> got = new HashSet<>();
            while (!got.containsAll(ids) && System.nanoTime() < deadline) {
                found = probe.await(AppointmentBooked.class, e -> ids.contains(e.appointmentId().toString()),
                        found.size() + 1, Duration.ofMillis(500));
                found.forEach(e -> got.add(e.appointmentId().toString()));
            }
            assertEquals(ids, got, "events on the topic; outbox: " + outboxState());
            return found;
        }
    }

    private String outboxState() {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(
                "select msg_key, published_at from outbox order by id desc limit 5")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
            }
            return out.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
