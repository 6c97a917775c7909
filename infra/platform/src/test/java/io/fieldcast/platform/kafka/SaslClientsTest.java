package io.fieldcast.platform.kafka;

import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.infra.local.KafkaBrokerProcess;
import io.fieldcast.infra.local.KafkaCheck;
import io.fieldcast.infra.local.Ports;
import io.fieldcast.infra.local.SaslListener;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's own publisher and consumer loop against a real broker that wants credentials: the local runtime's
 * broker in its own JVM with a SASL_PLAINTEXT/PLAIN listener (one broker for the class, on free ports, in a temporary
 * directory). The settings go through the real configuration mapping, as a service reads them.
 */
class SaslClientsTest {

    private static final String USER = "fieldcast-platform";
    private static final String PASSWORD = "s3cret-for-this-test-only";
    private static final String TOPIC = Topics.TECH_LOCATIONS;
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    static Path dir;
    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), Ports.freePort(), Ports.freePort(),
                Optional.of(new SaslListener(Ports.freePort(), Map.of(USER, PASSWORD))), dir.resolve("kafka.log"));
        try (Admin admin = KafkaCheck.admin(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.kill();
        }
    }

    @Test
    void withTheRightPasswordEventsGoThroughThePublisherAndTheConsumerLoop() throws Exception {
        KafkaSettings settings = settings(PASSWORD);
        String group = "sasl-ok-" + Long.toString(System.nanoTime(), 36);
        List<FieldcastEvent> received = new CopyOnWriteArrayList<>();
        ConsumerState state = new ConsumerState(group);
        EventPublisher publisher = new EventPublisher(settings);
        ConsumerLoop loop = start(group, settings, publisher, state, received);
        try {
            List<UUID> sent = publish(publisher, "ok", 5);

            await(() -> ids(received).containsAll(sent), "the consumer loop gets every event");
            assertEquals(received.size(), state.view().applied());
            assertEquals(Optional.empty(), ConsumerReadiness.problem(state.view(), settings.stuckAfter().toMillis()));
        } finally {
            loop.stop();
            publisher.close();
        }
    }

    @Test
    void withAWrongPasswordBothClientsFailWithAnAuthenticationErrorAndNothingIsSkipped() throws Exception {
        KafkaSettings right = settings(PASSWORD);
        KafkaSettings wrong = settings("not-" + PASSWORD);
        String group = "sasl-wrong-" + Long.toString(System.nanoTime(), 36);

        EventPublisher refused = new EventPublisher(wrong);
        try {
            var failure = assertThrows(ExecutionException.class,
                    () -> refused.send(ping("refused")).get(20, TimeUnit.SECONDS));
            assertInstanceOf(AuthenticationException.class, failure.getCause(), "the send fails with: " + failure);
        } finally {
            refused.close();
        }

        EventPublisher publisher = new EventPublisher(right);
        List<FieldcastEvent> received = new CopyOnWriteArrayList<>();
        try {
            List<UUID> sent = publish(publisher, "waiting", 3);
            ConsumerState state = new ConsumerState(group);
            ConsumerLoop loop = start(group, wrong, publisher, state, received);
            try {
                // stuck-after is 1 s here: a loop that cannot log in turns the service not ready, naming why.
                await(() -> ConsumerReadiness.problem(state.view(), wrong.stuckAfter().toMillis()).isPresent(),
                        "the consumer loop reports that it fails");
                String problem = ConsumerReadiness.problem(state.view(), wrong.stuckAfter().toMillis()).orElseThrow();
                assertTrue(problem.contains("SaslAuthenticationException"), problem);
                assertTrue(state.view().running(), "it keeps trying (the password may be fixed on the broker)");
                assertEquals(0, state.view().applied());
                assertEquals(List.of(), received);
            } finally {
                loop.stop();
            }

            // The same group with the right password gets every event: the failing loop committed nothing.
            ConsumerLoop fixed = start(group, right, publisher, new ConsumerState(group), received);
            try {
                await(() -> ids(received).containsAll(sent), "the events wait for a consumer that can log in");
            } finally {
                fixed.stop();
            }
        } finally {
            publisher.close();
        }
    }

    /** As a service reads them: the platform's mapping over properties, the pass-through map included. */
    private static KafkaSettings settings(String password) {
        Map<String, String> properties = Map.of(
                "fieldcast.kafka.bootstrap-servers", broker.sasl().orElseThrow().bootstrapServers(),
                "fieldcast.kafka.security-protocol", "SASL_PLAINTEXT",
                "fieldcast.kafka.sasl-mechanism", "PLAIN",
                "fieldcast.kafka.sasl-jaas-config", SaslListener.clientJaasConfig(USER, password),
                "fieldcast.kafka.client.\"reconnect.backoff.max.ms\"", "500",
                "fieldcast.kafka.retry-backoff", "100ms",
                "fieldcast.kafka.max-retry-backoff", "400ms",
                "fieldcast.kafka.stuck-after", "1s",
                "fieldcast.kafka.session-timeout", "6s");
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(KafkaSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "10s", as Quarkus reads it
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(KafkaSettings.class);
    }

    private static ConsumerLoop start(String group, KafkaSettings settings, EventPublisher publisher,
                                      ConsumerState state, List<FieldcastEvent> received) {
        var target = new ConsumerLoop.Target(group, Set.of(TOPIC), 500, false, false, 0, received::addAll);
        ConsumerLoop loop = new ConsumerLoop(target, publisher, settings, state);
        Thread.ofPlatform().daemon().name("sasl-test-" + group).start(loop);
        return loop;
    }

    private static List<UUID> publish(EventPublisher publisher, String prefix, int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocationPing ping = ping(prefix + "-" + i);
            publisher.send(ping).get(20, TimeUnit.SECONDS);
            ids.add(ping.eventId());
        }
        return ids;
    }

    private static LocationPing ping(String technician) {
        return new LocationPing(Events.newId(), AT, 1, technician, "c-" + technician, AT, AT.plusSeconds(1), 40.7,
                -74.0, 5, null, null);
    }

    /** The topic is shared by both tests, and a new group reads it from the start: what a test sent is a subset. */
    private static Set<UUID> ids(List<FieldcastEvent> events) {
        return Set.copyOf(events.stream().map(FieldcastEvent::eventId).toList());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
