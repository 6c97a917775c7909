package io.fieldcast.infra.local;

import io.fieldcast.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the platform's topics up front, so no service depends on auto-creation or on who starts first. */
public final class TopicSetup {

    /** Enough for a few consumers per group to share the load; the key keeps one technician's events in order. */
    public static final int PARTITIONS = 6;
    /** Dead letters are rare and only inspected by people. */
    public static final int DLQ_PARTITIONS = 3;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /** Every business topic and its dead-letter topic, with their partition counts, in {@link Topics#ALL} order. */
    public static Map<String, Integer> partitionsByTopic() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            topics.put(topic, PARTITIONS);
            topics.put(Topics.dlq(topic), DLQ_PARTITIONS);
        }
        return topics;
    }

    /**
     * Creates the missing platform topics with the cluster's default replication factor (1 on the local broker);
     * existing ones are left as they are. Safe to run concurrently and on every start.
     *
     * @return the topics this call created
     */
    public static List<String> createAll(String bootstrapServers) {
        return create(bootstrapServers, partitionsByTopic());
    }

    /**
     * Creates the missing topics of {@code partitionsByTopic} and returns once every partition of them has a
     * working leader. That wait matters: an idempotent producer whose first batch meets a leader that is not
     * ready yet can get stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (KAFKA-14359).
     */
    public static List<String> create(String bootstrapServers, Map<String, Integer> partitionsByTopic) {
        try (Admin admin = KafkaCheck.admin(bootstrapServers, TIMEOUT)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach((topic, partitions) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                }
            });
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                if (create(results.get(topic.name()))) {
                    created.add(topic.name());
                }
            }
            awaitLeaders(admin, partitionsByTopic.keySet());
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** ListOffsets is answered by the partition leader itself, so success means the leader is really serving. */
    private static void awaitLeaders(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .forEach((name, description) -> description.partitions().forEach(p ->
                                partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // Just-created topics may be unknown to the broker or leaderless for a moment: both are retriable.
                if (!(e.getCause() instanceof RetriableException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean create(KafkaFuture<Void> result)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }
}
