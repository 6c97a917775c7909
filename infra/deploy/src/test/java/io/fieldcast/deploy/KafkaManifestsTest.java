package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.events.Topics;
import io.fieldcast.infra.local.TopicSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fieldcast.deploy.ProductionOverlay.rendered;

/** Kafka as the services need it: every topic they use, partitioned as locally, replicated, kept long enough. */
class KafkaManifestsTest {

    private static final int MIN_TOPIC_REPLICAS = 3;
    private static final int MIN_IN_SYNC = 2;
    private static final int MIN_BROKERS = 3;
    /**
     * How long consumers keep processed-event marks: the default of fieldcast.outbox.retention (platform's
     * OutboxSettings), which no service overrides. A business record must not outlive them.
     */
    private static final Duration PROCESSED_EVENT_MARKS = Duration.ofDays(7);

    /** Every topic and dead-letter topic with the partitions the local runtime creates. */
    private static final Map<String, Integer> PARTITIONS = TopicSetup.partitionsByTopic();

    @Test
    void everyTopicAndDeadLetterTopicHasAKafkaTopicLikeTheLocalOne() {
        Manifest kafka = rendered().single("Kafka");
        Problems problems = new Problems();
        for (String business : Topics.ALL) {
            for (String topic : List.of(business, Topics.dlq(business))) {
                Optional<Manifest> declared = kafkaTopic(topic);
                if (declared.isEmpty()) {
                    problems.add(topic + ": no KafkaTopic");
                    continue;
                }
                Manifest t = declared.get();
                problems.unless(t.apiVersion().equals("kafka.strimzi.io/v1beta2"),
                        t + ": not kafka.strimzi.io/v1beta2");
                problems.unless(t.at("/metadata/labels/strimzi.io~1cluster").asText().equals(kafka.name()),
                        t + ": label strimzi.io/cluster is not " + kafka.name());
                problems.unless(t.at("/spec/partitions").asInt() == PARTITIONS.get(topic), t + ": "
                        + t.at("/spec/partitions").asInt() + " partitions, the local runtime creates "
                        + PARTITIONS.get(topic));
                problems.unless(t.at("/spec/replicas").asInt() >= MIN_TOPIC_REPLICAS, t + ": replicas below "
                        + MIN_TOPIC_REPLICAS);
                problems.unless(t.at("/spec/config/min.insync.replicas").asInt() == MIN_IN_SYNC, t + ": "
                        + "min.insync.replicas is not " + MIN_IN_SYNC);
            }
        }
        problems.assertNone("every topic of Topics.ALL and its dead-letter topic is declared as the local runtime "
                + "creates it (TopicSetup), with " + MIN_TOPIC_REPLICAS + " replicas");
    }

    @Test
    void everyKafkaTopicIsAPlatformTopic() {
        Problems problems = new Problems();
        for (Manifest topic : rendered().ofKind("KafkaTopic")) {
            problems.unless(PARTITIONS.containsKey(topicName(topic)), topic + ": " + topicName(topic)
                    + " is neither in Topics.ALL nor a dead-letter topic of one");
        }
        problems.assertNone("no KafkaTopic is left over from a renamed or removed topic");
    }

    @Test
    void businessRecordsNeverOutliveTheProcessedEventMarks() {
        Problems problems = new Problems();
        for (String topic : Topics.ALL) {
            Optional<Manifest> declared = kafkaTopic(topic);
            if (declared.isEmpty()) {
                problems.add(topic + ": no KafkaTopic");
                continue;
            }
            JsonNode config = declared.get().at("/spec/config");
            long retention = config.path("retention.ms").asLong(-1);
            // Without segment.ms, a quiet topic keeps a segment open for Kafka's default of 7 days.
            long segment = config.path("segment.ms").asLong(Duration.ofDays(7).toMillis());
            problems.unless(retention > 0 && retention + segment <= PROCESSED_EVENT_MARKS.toMillis(),
                    declared.get() + ": a record may live " + Duration.ofMillis(retention + segment)
                            + " (retention.ms " + retention + " + segment.ms " + segment + ")");
        }
        problems.assertNone("a consumer that starts over from the earliest record finds each one marked as processed "
                + "(retention.ms + segment.ms <= " + PROCESSED_EVENT_MARKS + ")");
    }

    @Test
    void kafkaRunsInKraftModeOnThreeBrokers() {
        Manifest kafka = rendered().single("Kafka");
        Problems problems = new Problems();
        problems.unless(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText().equals("enabled"),
                kafka + ": no annotation strimzi.io/kraft: enabled");
        problems.unless(kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText().equals("enabled"),
                kafka + ": no annotation strimzi.io/node-pools: enabled");
        problems.unless(nodes(kafka, "broker") >= MIN_BROKERS, kafka + ": " + nodes(kafka, "broker") + " brokers");
        problems.unless(nodes(kafka, "controller") >= MIN_BROKERS, kafka + ": " + nodes(kafka, "controller")
                + " controllers; a KRaft quorum of 3 survives the loss of one");
        JsonNode config = kafka.at("/spec/kafka/config");
        problems.unless(config.path("min.insync.replicas").asInt() == MIN_IN_SYNC,
                kafka + ": min.insync.replicas is not " + MIN_IN_SYNC);
        problems.unless(config.path("default.replication.factor").asInt() >= MIN_TOPIC_REPLICAS,
                kafka + ": default.replication.factor below " + MIN_TOPIC_REPLICAS);
        problems.assertNone("Kafka runs in KRaft mode with node pools, on " + MIN_BROKERS + " brokers");
    }

    /** Nodes of the cluster's node pools that have this role. */
    private static int nodes(Manifest kafka, String role) {
        int nodes = 0;
        for (Manifest pool : rendered().ofKind("KafkaNodePool")) {
            boolean ours = pool.at("/metadata/labels/strimzi.io~1cluster").asText().equals(kafka.name());
            if (ours && containsText(pool.at("/spec/roles"), role)) {
                nodes += pool.at("/spec/replicas").asInt();
            }
        }
        return nodes;
    }

    private static boolean containsText(JsonNode list, String text) {
        for (JsonNode item : list) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Manifest> kafkaTopic(String topic) {
        return rendered().ofKind("KafkaTopic").stream().filter(t -> topicName(t).equals(topic)).findFirst();
    }

    /** Strimzi names the topic after the resource unless spec.topicName says otherwise. */
    private static String topicName(Manifest topic) {
        return topic.at("/spec/topicName").asText(topic.name());
    }
}
