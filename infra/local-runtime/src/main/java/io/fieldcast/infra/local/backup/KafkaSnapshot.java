package io.fieldcast.infra.local.backup;

import io.fieldcast.events.EventCodec;
import io.fieldcast.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The broker's side of a backup: every record of every topic (partition by partition, in order, with key,
 * headers and timestamp) and every consumer group's committed positions. Restored into a new broker, the records
 * are written again to the same partitions in the same order; their offsets may differ (a topic whose oldest records
 * had expired starts at 0 again), so each group's positions are translated record for record.
 *
 * <pre>
 * kafka/topics.properties        topic=partitions
 * kafka/offsets.properties       group|topic|partition=offset
 * kafka/records/topic-N.bin.gz   per record: offset, timestamp, key, value, headers (DataOutput); offset -1 ends it
 * </pre>
 */
final class KafkaSnapshot {

    static final String TOPICS = "topics.properties";
    static final String OFFSETS = "offsets.properties";
    static final String RECORDS = "records";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Record(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                  List<Header> headers) {

        /** The event's id when the value is an event (JSON with {@code eventId}), else null. */
        UUID eventId() {
            if (value == null) {
                return null;
            }
            try {
                var id = EventCodec.mapper().readTree(value).path("eventId");
                return id.isTextual() ? UUID.fromString(id.asText()) : null;
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** What an import did; {@code eventIds}: those of the records written to topics an outbox publishes to. */
    record Imported(long records, long dropped, int partitions, int groups, List<UUID> eventIds) {
    }

    private KafkaSnapshot() {
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /** Every consumer group's committed positions, written first: they must not run ahead of the database copy. */
    static int saveOffsets(String bootstrap, Path dir) throws IOException, InterruptedException {
        Properties offsets = new Properties();
        try (Admin admin = admin(bootstrap)) {
            for (ConsumerGroupListing group : get(admin.listConsumerGroups().all())) {
                Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(
                        group.groupId()).partitionsToOffsetAndMetadata());
                committed.forEach((tp, om) -> {
                    if (om != null) {
                        offsets.setProperty(group.groupId() + "|" + tp.topic() + "|" + tp.partition(),
                                Long.toString(om.offset()));
                    }
                });
            }
        }
        Files.createDirectories(dir);
        store(offsets, dir.resolve(OFFSETS), "committed positions of every consumer group: group|topic|partition");
        return (int) offsets.stringPropertyNames().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct()
                .count();
    }

    /** Every record of every topic up to the end each partition has now; returns how many. */
    static long saveRecords(String bootstrap, Path dir) throws IOException, InterruptedException {
        Map<TopicPartition, Long> ends;
        Properties topics = new Properties();
        try (Admin admin = admin(bootstrap)) {
            Set<String> names = get(admin.listTopics().names());
            Map<String, TopicDescription> described = get(admin.describeTopics(names).allTopicNames());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> {
                topics.setProperty(d.name(), Integer.toString(d.partitions().size()));
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                        OffsetSpec.latest()));
            });
            ends = new HashMap<>();
            get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        }
        Files.createDirectories(dir.resolve(RECORDS));
        store(topics, dir.resolve(TOPICS), "partitions of every topic");
        long total = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (var entry : ends.entrySet()) {
                total += savePartition(consumer, entry.getKey(), entry.getValue(), dir.resolve(RECORDS));
            }
        }
        return total;
    }

    private static long savePartition(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long end,
                                      Path dir) throws IOException {
        long n = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(fileName(tp))))))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " up to offset " + end + " within "
                            + TIMEOUT.toSeconds() + " s (at " + consumer.position(tp) + ")");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end) {
                        break;
                    }
                    write(out, r);
                    n++;
                    deadline = System.nanoTime() + TIMEOUT.toNanos();
                }
            }
            out.writeLong(-1);
        }
        return n;
    }

    private static void write(DataOutputStream out, ConsumerRecord<byte[], byte[]> r) throws IOException {
        out.writeLong(r.offset());
        out.writeLong(r.timestamp());
        bytes(out, r.key());
        bytes(out, r.value());
        Header[] headers = r.headers().toArray();
        out.writeInt(headers.length);
        for (Header h : headers) {
            out.writeUTF(h.key());
            bytes(out, h.value());
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }

    /** Reads a partition's records back, in order. */
    static List<Record> read(Path dir, TopicPartition tp) throws IOException {
        List<Record> records = new ArrayList<>();
        Path file = dir.resolve(RECORDS).resolve(fileName(tp));
        if (!Files.exists(file)) {
            return records;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            for (long offset = in.readLong(); offset >= 0; offset = in.readLong()) {
                long timestamp = in.readLong();
                byte[] key = bytes(in);
                byte[] value = bytes(in);
                int n = in.readInt();
                List<Header> headers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    headers.add(new RecordHeader(in.readUTF(), bytes(in)));
                }
                records.add(new Record(tp.topic(), tp.partition(), offset, timestamp, key, value, headers));
            }
        }
        return records;
    }

    /**
     * Writes the saved records into the broker at {@code bootstrap} (its topics created as needed), keeping those
     * {@code kept} accepts, then sets every group's positions, translated to the new offsets.
     */
    static Imported restore(Path dir, String bootstrap, Predicate<Record> kept) throws IOException,
            InterruptedException {
        Properties topics = load(dir.resolve(TOPICS));
        Properties offsets = load(dir.resolve(OFFSETS));
        try (Admin admin = admin(bootstrap)) {
            createTopics(admin, topics);
            Map<TopicPartition, long[][]> translation = new HashMap<>();
            long written = 0;
            long dropped = 0;
            List<UUID> ids = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (String topic : new TreeSet<>(topics.stringPropertyNames())) {
                    int partitions = Integer.parseInt(topics.getProperty(topic));
                    for (int p = 0; p < partitions; p++) {
                        TopicPartition tp = new TopicPartition(topic, p);
                        List<Record> records = read(dir, tp);
                        List<Long> sourceOffsets = new ArrayList<>();
                        List<Future<RecordMetadata>> acks = new ArrayList<>();
                        for (Record r : records) {
                            if (!kept.test(r)) {
                                dropped++;
                                continue;
                            }
                            UUID id = direct(topic) ? null : r.eventId();
                            if (id != null) {
                                ids.add(id);
                            }
                            sourceOffsets.add(r.offset());
                            acks.add(producer.send(new ProducerRecord<>(topic, p, r.timestamp(), r.key(), r.value(),
                                    r.headers())));
                        }
                        long[][] map = new long[2][acks.size()];
                        for (int i = 0; i < acks.size(); i++) {
                            map[0][i] = sourceOffsets.get(i);
                            map[1][i] = get(acks.get(i)).offset();
                        }
                        translation.put(tp, map);
                        written += acks.size();
                    }
                }
                producer.flush();
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup = new TreeMap<>();
            for (String key : offsets.stringPropertyNames()) {
                String[] parts = key.split("\\|");
                TopicPartition tp = new TopicPartition(parts[1], Integer.parseInt(parts[2]));
                long source = Long.parseLong(offsets.getProperty(key));
                byGroup.computeIfAbsent(parts[0], g -> new HashMap<>()).put(tp,
                        new OffsetAndMetadata(translate(translation.get(tp), source)));
            }
            for (var group : byGroup.entrySet()) {
                get(admin.alterConsumerGroupOffsets(group.getKey(), group.getValue()).all());
            }
            return new Imported(written, dropped, translation.size(), byGroup.size(), ids);
        }
    }

    /**
     * The new position of a group that had read up to {@code source}: the new offset of the first kept record at or
     * after it, or the partition's new end when it had read everything kept.
     */
    static long translate(long[][] map, long source) {
        if (map == null || map[0].length == 0) {
            return 0;
        }
        for (int i = 0; i < map[0].length; i++) {
            if (map[0][i] >= source) {
                return map[1][i];
            }
        }
        return map[1][map[1].length - 1] + 1;
    }

    private static void createTopics(Admin admin, Properties topics) throws InterruptedException {
        Set<String> existing = get(admin.listTopics().names());
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : topics.stringPropertyNames()) {
            int partitions = Integer.parseInt(topics.getProperty(topic));
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
            }
        }
        for (NewTopic t : missing) {
            try {
                get(admin.createTopics(List.of(t)).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, TopicDescription> described = get(admin.describeTopics(topics.stringPropertyNames())
                .allTopicNames());
        for (var d : described.values()) {
            int wanted = Integer.parseInt(topics.getProperty(d.name()));
            if (d.partitions().size() < wanted) {
                throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                        + " partitions here and " + wanted + " in the backup: its records would not keep their "
                        + "partitions (and so their order per key)");
            }
        }
    }

    /** Topics whose records are not relayed from a service's outbox (so an event id missing there is no clue). */
    static boolean direct(String topic) {
        return Topics.isDlq(topic) || Topics.TECH_LOCATIONS.equals(topic) || !Topics.ALL.contains(topic);
    }

    static String fileName(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition() + ".bin.gz";
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static <T> T get(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a restored record: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    static void store(Properties p, Path file, String comment) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, comment);
        }
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
