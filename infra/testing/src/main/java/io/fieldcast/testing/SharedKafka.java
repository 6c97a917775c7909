package io.fieldcast.testing;

import io.fieldcast.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One Kafka per test JVM: the cluster named by {@code FIELDCAST_KAFKA_BOOTSTRAP} when set, otherwise a real
 * in-process KRaft broker (one combined broker+controller node). All topics of the contract and their
 * dead-letter topics are created up front so that consumers never race topic auto-creation.
 */
public final class SharedKafka {

    private static SharedKafka instance;

    private final String bootstrapServers;
    private final KafkaClusterTestKit cluster;

    private SharedKafka(String bootstrapServers, KafkaClusterTestKit cluster) {
        this.bootstrapServers = bootstrapServers;
        this.cluster = cluster;
    }

    public static synchronized SharedKafka get() {
        if (instance == null) {
            instance = start();
            instance.createTopics();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "kafka-test-broker-stop"));
        }
        return instance;
    }

    private static SharedKafka start() {
        String external = System.getenv("FIELDCAST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return new SharedKafka(external, null);
        }
        try {
            // At JVM exit, shutdown hooks race: if a broker still running sees its log directory vanish it halts the
            // JVM with a non-zero code, which fails the whole test run after every test passed. Our own directory
            // (deleted after close, not by Kafka's temp-dir hook) and a no-op halt keep the exit clean.
            Exit.setHaltProcedure((code, message) -> { });
            Path base = Files.createTempDirectory("fieldcast-test-kafka");
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(base)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // Without these a single broker never forms the internal topics' ISR and groups never join.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new SharedKafka(cluster.bootstrapServers(), cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.ALL) {
                topics.add(new NewTopic(topic, 3, (short) 1));
                topics.add(new NewTopic(Topics.dlq(topic), 1, (short) 1));
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether {@link #stopBroker()} can take this broker away: only the in-process one, not an external cluster. */
    public boolean restartable() {
        return cluster != null;
    }

    /**
     * A Kafka outage for the test JVM: the in-process broker stops (its controller keeps the cluster's metadata) until
     * {@link #startBroker()}, which brings it back on the same port with the same logs, as a restarted broker would.
     */
    public synchronized void stopBroker() {
        if (!restartable()) {
            throw new IllegalStateException("the shared Kafka is an external cluster (FIELDCAST_KAFKA_BOOTSTRAP)");
        }
        var broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Ends the outage {@link #stopBroker()} began; returns once the broker serves clients again. */
    public synchronized void startBroker() {
        if (!restartable()) {
            throw new IllegalStateException("the shared Kafka is an external cluster (FIELDCAST_KAFKA_BOOTSTRAP)");
        }
        try {
            cluster.brokers().values().iterator().next().startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not come back", e);
        }
    }

    private void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }
    }
}
