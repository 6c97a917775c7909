package io.fieldcast.dispatch.outbox;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.Topics;
import io.fieldcast.infra.local.KafkaBrokerProcess;
import io.fieldcast.infra.local.Ports;
import io.fieldcast.infra.local.TopicSetup;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bookings made while Kafka is down are committed (the outbox holds their events), and once the broker is back
 * every event arrives, none lost; after de-duplication by event id each exactly once. Uses its own real broker
 * in its own JVM so that stopping it disturbs no other test.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    static final Broker BROKER = new Broker();

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fieldcast.kafka.bootstrap-servers", BROKER.start(),
                    "fieldcast.kafka.delivery-timeout", "3s",
                    "fieldcast.kafka.max-block", "1s",
                    "fieldcast.outbox.retry-backoff", "200ms");
        }
    }

    @Inject
    TestCompanies companies;
    @Inject
    AgroalDataSource db;

    @Test
    void bookingsDuringAnOutageArriveExactlyOnceAfterTheBrokerReturns() throws Exception {
        var f = companies.create("outage");
        String before = f.book(40, "2026-03-03T08:00:00Z", "outage");
        awaitIds(Set.of(before), Duration.ofSeconds(30));

        BROKER.stop();
        String during1 = f.book(41, "2026-03-03T12:00:00Z", "outage");
        String during2 = f.book(42, "2026-03-04T08:00:00Z", "outage");
        Thread.sleep(4000); // the relay tries, fails and backs off while the broker is away
        BROKER.restart();

        List<AppointmentBooked> seen = awaitIds(Set.of(before, during1, during2), Duration.ofSeconds(60));
        Set<UUID> eventIds = new HashSet<>();
        seen.forEach(e -> eventIds.add(e.eventId()));
        assertEquals(3, eventIds.size(), "one event per booking after de-duplication: " + seen);
        assertTrue(seen.stream().map(e -> e.appointmentId().toString()).toList()
                .containsAll(List.of(before, during1, during2)));
    }

    private List<AppointmentBooked> awaitIds(Set<String> ids, Duration timeout) {
        try (EventProbe probe = EventProbe.fromBeginning(Topics.APPOINTMENTS, BROKER.bootstrap())) {
            List<AppointmentBooked> found = probe.await(AppointmentBooked.class,
                    e -> ids.contains(e.appointmentId().toString()), ids.size(), timeout);
            Set<String> got = new HashSet<>();
            found.forEach(e -> got.add(e.appointmentId().toString()));
            assertEquals(ids, got, "events on the topic of " + BROKER.bootstrap() + "; outbox: "
                    + outboxState());
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

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    /**
     * A real broker in its own JVM that the test can stop and start on the same data directory. Quarkus loads
     * the profile and the test in different class loaders, so the broker's coordinates live in system
     * properties: whoever comes first starts it, the other attaches to it.
     */
    static final class Broker implements AutoCloseable {
        private static final String KEY = "fieldcast.test.outage-broker";

        KafkaBrokerProcess process;

        synchronized String start() {
            String existing = System.getProperty(KEY + ".bootstrap");
            if (existing != null) {
                return existing;
            }
            try {
                Path dir = Files.createTempDirectory("outage-broker");
                int port = Ports.freePort();
                int controllerPort = Ports.freePort();
                process = KafkaBrokerProcess.start(dir.resolve("data"), port, controllerPort, dir.resolve("broker.log"));
                TopicSetup.createAll(process.bootstrapServers());
                System.setProperty(KEY + ".dir", dir.toString());
                System.setProperty(KEY + ".port", String.valueOf(port));
                System.setProperty(KEY + ".controller", String.valueOf(controllerPort));
                System.setProperty(KEY + ".pid", String.valueOf(process.pid()));
                System.setProperty(KEY + ".bootstrap", process.bootstrapServers());
                return process.bootstrapServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String bootstrap() {
            return System.getProperty(KEY + ".bootstrap");
        }

        /** Graceful stop of whichever process runs the broker, waiting until it is gone. */
        void stop() throws Exception {
            ProcessHandle handle = ProcessHandle.of(Long.parseLong(System.getProperty(KEY + ".pid"))).orElseThrow();
            handle.destroy();
            handle.onExit().get(90, TimeUnit.SECONDS);
        }

        synchronized void restart() {
            Path dir = Path.of(System.getProperty(KEY + ".dir"));
            process = KafkaBrokerProcess.start(dir.resolve("data"), Integer.getInteger(KEY + ".port"),
                    Integer.getInteger(KEY + ".controller"), dir.resolve("broker.log"));
            System.setProperty(KEY + ".pid", String.valueOf(process.pid()));
        }

        @Override
        public synchronized void close() {
            String pid = System.getProperty(KEY + ".pid");
            if (pid != null) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
