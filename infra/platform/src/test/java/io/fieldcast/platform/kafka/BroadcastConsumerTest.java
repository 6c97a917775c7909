package io.fieldcast.platform.kafka;

import io.fieldcast.events.Events;
import io.fieldcast.events.LocationPing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of a service each keep the whole fleet's latest positions (every partition, no shared group), and an
 * instance that starts later fills its model from the recent past of the topic.
 */
@QuarkusTest
class BroadcastConsumerTest {

    @Inject
    EventPublisher publisher;
    @Inject
    KafkaSettings settings;

    /** What dispatch and notify subclass, here without CDI: one per "instance". */
    static final class Positions extends LatestPositions {
        Positions() {
            super("platform-test.positions");
        }
    }

    @Test
    void everyInstanceSeesEveryTechnicianAndALateInstanceReplaysTheRecentPast() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        List<String> technicians = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            technicians.add("bcast-" + run + "-" + i); // keys spread over the topic's partitions
        }
        Positions first = new Positions();
        Positions second = new Positions();
        List<ConsumerLoop> loops = new ArrayList<>(List.of(start(first), start(second)));
        try {
            Thread.sleep(1000); // both loops have taken their partitions
            for (String t : technicians) {
                publisher.send(new LocationPing(Events.newId(), Instant.parse("2026-03-02T10:00:00Z"), 1, t, "c-" + t,
                        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:00:01Z"), 40.7, -74.0, 5,
                        null, null)).get(10, TimeUnit.SECONDS);
            }
            await(() -> first.of(technicians).size() == 12, "the first instance sees every technician");
            await(() -> second.of(technicians).size() == 12, "the second instance sees every technician");

            Positions late = new Positions();
            loops.add(start(late));
            await(() -> late.of(technicians).size() == 12, "an instance started later replays the recent past");
        } finally {
            loops.forEach(ConsumerLoop::stop);
        }
    }

    private ConsumerLoop start(Positions positions) {
        ConsumerLoop loop = new ConsumerLoop(ConsumerLoop.Target.of(positions, null), publisher, settings,
                new ConsumerState(positions.consumerGroup()));
        Thread.ofPlatform().daemon().name("broadcast-test").start(loop);
        return loop;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
