package io.fieldcast.infra.local;

import io.fieldcast.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaBrokerProcessTest {

    private static final int EVENTS = 500;
    private static final String TOPIC = Topics.TECH_LOCATIONS;

    @TempDir
    Path dir;

    private KafkaBrokerProcess broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.kill();
        }
    }

    /**
     * One broker's life (each start is a JVM, so the steps share one): topic setup is idempotent, then committed
     * events survive a graceful restart and, after more are sent, a kill -9.
     */
    @Test
    void topicSetupIsIdempotentAndCommittedEventsSurviveRestartAndKill() throws Exception {
        broker = start();

        List<String> first = TopicSetup.createAll(broker.bootstrapServers());
        List<String> second = TopicSetup.createAll(broker.bootstrapServers());

        assertEquals(2 * Topics.ALL.size(), first.size());
        assertEquals(List.of(), second);
        try (Admin admin = KafkaCheck.admin(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            Map<String, TopicDescription> topics = admin.describeTopics(TopicSetup.partitionsByTopic().keySet())
                    .allTopicNames().get();
            assertEquals(6, topics.get(Topics.ROUTES).partitions().size());
            assertEquals(3, topics.get(Topics.dlq(Topics.ROUTES)).partitions().size());
            assertEquals(1, topics.get(Topics.ROUTES).partitions().getFirst().replicas().size());
        }

        Set<String> sent = produce(broker.bootstrapServers());
        restartAfter(KafkaBrokerProcess::stop);
        assertEquals(sent, consumeAll(broker.bootstrapServers()), "after a graceful restart");

        sent.addAll(produce(broker.bootstrapServers()));
        restartAfter(KafkaBrokerProcess::kill);
        assertEquals(sent, consumeAll(broker.bootstrapServers()), "after kill -9");
    }

    private void restartAfter(Consumer<KafkaBrokerProcess> shutdown) {
        shutdown.accept(broker);
        assertFalse(broker.isAlive());
        assertFalse(KafkaCheck.answers(broker.bootstrapServers(), Duration.ofSeconds(2)));
        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), broker.port(), broker.controllerPort(),
                dir.resolve("kafka.log"));
    }

    private KafkaBrokerProcess start() {
        return KafkaBrokerProcess.start(dir.resolve("kafka"), Ports.freePort(), Ports.freePort(),
                dir.resolve("kafka.log"));
    }

    /** Idempotent producer with acks=all; returns only after every record is acknowledged. */
    private static Set<String> produce(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        Set<String> sent = new HashSet<>();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String value = "event-" + i + "-" + UUID.randomUUID();
                acks.add(producer.send(new ProducerRecord<>(TOPIC, "technician-" + (i % 17), value)));
                sent.add(value);
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        return sent;
    }

    /** Reads every partition from the beginning up to the end offsets seen at start, without a consumer group. */
    private static Set<String> consumeAll(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> received = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertTrue(received.add(record.value()), "duplicate " + record.value());
                }
            }
        }
        return received;
    }
}
