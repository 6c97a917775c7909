package io.fieldcast.infra.local;

import io.fieldcast.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
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
     * Creates the missing topics with the cluster's default replication factor (1 on the local broker); existing
     * ones are left as they are. Safe to run concurrently and on every start.
     *
     * @return the topics this call created
     */
    public static List<String> createAll(String bootstrapServers) {
        try (Admin admin = KafkaCheck.admin(bootstrapServers, TIMEOUT)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic().forEach((topic, partitions) -> {
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
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static boolean create(org.apache.kafka.common.KafkaFuture<Void> result)
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
