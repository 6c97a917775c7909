package io.fieldcast.testing;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventDeserializer;
import io.fieldcast.events.FieldcastEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic the way a consumer of another service would: through the broker, with the shared codec.
 * Created positioned at the current end of the topic, so a test sees only what it caused.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, Decoded> consumer;
    private final List<FieldcastEvent> seen = new ArrayList<>();

    private EventProbe(String topic, boolean fromBeginning, String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Sees only what is published after this call. */
    public static EventProbe atEnd(String topic) {
        return new EventProbe(topic, false, Infra.kafkaBootstrap());
    }

    public static EventProbe fromBeginning(String topic) {
        return new EventProbe(topic, true, Infra.kafkaBootstrap());
    }

    /** Reads everything on {@code topic} of another cluster (e.g. a broker a test stops and restarts). */
    public static EventProbe fromBeginning(String topic, String bootstrap) {
        return new EventProbe(topic, true, bootstrap);
    }

    /** Polls until {@code count} events matching {@code filter} were seen or the timeout passes; returns them. */
    public <T extends FieldcastEvent> List<T> await(Class<T> type, Predicate<T> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching(type, filter).size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matching(type, filter);
    }

    /** Everything that arrives within {@code window}: to prove that something did NOT arrive (twice). */
    public List<FieldcastEvent> drain(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(seen);
    }

    /** Raw records of a dead-letter topic (values are not events there). */
    public static List<ConsumerRecord<String, byte[]>> readRaw(String topic, int count, Duration timeout) {
        try (var raw = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            raw.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                raw.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Every record of {@code topic} as it stands now, read up to the end offsets it had when called (no consumer group,
     * so no wait to join one): quick enough to call in a loop while waiting for something to be parked.
     */
    public static List<ConsumerRecord<String, byte[]>> readRawToEnd(String topic) {
        try (var raw = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = raw.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            raw.assign(partitions);
            raw.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = raw.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> raw.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                raw.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, Decoded> record : consumer.poll(duration)) {
            if (record.value() instanceof Decoded.Event(FieldcastEvent event)) {
                seen.add(event);
            }
        }
    }

    private <T extends FieldcastEvent> List<T> matching(Class<T> type, Predicate<T> filter) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
