package io.fieldcast.bench.ops;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Waits until a service's consumer groups have committed the end of every partition they read, with progress. */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Until consumer group {@code group} has committed the end of every partition of {@code topics} (a partition it
     * has not committed yet counts from its start): a group that has not started reading is not "caught up".
     */
    static void awaitGroup(String bootstrap, String group, java.util.Set<String> topics, Duration timeout)
            throws Exception {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions().forEach(p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (c == null ? 0 : c.offset()));
                }
                System.err.printf("%s: %,d events behind (%.0f s)%n", group, lag, (System.nanoTime() - started) / 1e9);
                if (lag == 0) {
                    return;
                }
                if (System.nanoTime() - started > timeout.toNanos()) {
                    throw new IllegalStateException(group + " did not catch up in " + timeout);
                }
                Thread.sleep(5000);
            }
        }
    }

    /** Until every consumer group whose id starts with {@code prefix} has no lag; {@code what} names them. */
    static void await(String bootstrap, String prefix, String what, Duration timeout) throws Exception {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                long lag = 0;
                int groups = 0;
                for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                    if (!group.groupId().startsWith(prefix)) {
                        continue;
                    }
                    groups++;
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            group.groupId()).partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    for (var e : committed.entrySet()) {
                        lag += Math.max(0, ends.get(e.getKey()).offset()
                                - (e.getValue() == null ? 0 : e.getValue().offset()));
                    }
                }
                System.err.printf("%s: %,d events behind (%.0f s)%n", what, lag, (System.nanoTime() - started) / 1e9);
                if (lag == 0 && groups > 0) {
                    return;
                }
                if (System.nanoTime() - started > timeout.toNanos()) {
                    throw new IllegalStateException(what + " did not catch up in " + timeout);
                }
                Thread.sleep(5000);
            }
        }
    }
}
