package io.fieldcast.bench.mobile;

import io.fieldcast.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Reads back what the bench run put on {@code fieldcast.tech-locations}: which of its pings are there. */
final class TopicCheck {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final String marker;
    private Map<TopicPartition, Long> start;
    private Map<TopicPartition, Long> end;

    TopicCheck(String bootstrap, String runId) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.TECH_LOCATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        marker = "\"clientId\":\"" + runId + "-";
    }

    void markStart() {
        start = consumer.endOffsets(partitions);
    }

    void markEnd() {
        end = consumer.endOffsets(partitions);
    }

    /** Bit {@code batch * size + k} is set when ping k of that batch is on the topic. */
    BitSet scan(int batches, int size) {
        BitSet found = new BitSet(batches * size);
        consumer.assign(partitions);
        start.forEach(consumer::seek);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!reachedEnd() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                int at = value.indexOf(marker);
                if (at < 0) {
                    continue;
                }
                int from = at + marker.length();
                int dash = value.indexOf('-', from);
                int quote = value.indexOf('"', dash);
                int b = Integer.parseInt(value, from, dash, 10);
                int k = Integer.parseInt(value, dash + 1, quote, 10);
                found.set(b * size + k);
            }
        }
        consumer.close();
        return found;
    }

    private boolean reachedEnd() {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }
}
