package io.fieldcast.infra.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * The Java half of {@code scripts/restart-durability.sh}: {@code write N} produces N records (idempotent, acks=all,
 * every ack awaited) and commits N rows, printing a run id; {@code verify RUN_ID N} checks after a restart that
 * exactly those N records and rows are there. Addresses come from the variables of {@code runtime.env}. It uses
 * its own topic and table, so no service ever sees these records.
 */
public final class DurabilityCheck {

    static final String TOPIC = "fieldcast.local.durability-check";
    private static final Duration POLL = Duration.ofMillis(500);

    private DurabilityCheck() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String bootstrap = required(env, RuntimeEnv.KAFKA_BOOTSTRAP);
        PostgresAddress db = PostgresAddress.parse(required(env, RuntimeEnv.PG_URL));
        String user = env.getOrDefault(RuntimeEnv.PG_USER, "postgres");
        String password = env.getOrDefault(RuntimeEnv.PG_PASSWORD, "postgres");
        if (args.length == 2 && args[0].equals("write")) {
            String runId = UUID.randomUUID().toString();
            int count = Integer.parseInt(args[1]);
            produce(bootstrap, runId, count);
            insert(db, user, password, runId, count);
            System.out.println(runId);
        } else if (args.length == 3 && args[0].equals("verify")) {
            int expected = Integer.parseInt(args[2]);
            int records = countRecords(bootstrap, args[1]);
            int rows = countRows(db, user, password, args[1]);
            System.out.printf("run %s: %d/%d Kafka records, %d/%d PostgreSQL rows%n", args[1], records, expected,
                    rows, expected);
            System.exit(records == expected && rows == expected ? 0 : 1);
        } else {
            System.err.println("usage: DurabilityCheck write N | verify RUN_ID N");
            System.exit(2);
        }
    }

    static void produce(String bootstrap, String runId, int count) throws Exception {
        TopicSetup.create(bootstrap, Map.of(TOPIC, 3));
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, runId + ":" + (i % 10), runId + ":" + i)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }

    /** Distinct records of {@code runId}; a duplicate would mean the idempotent producer failed, so it fails too. */
    static int countRecords(String bootstrap, String runId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Set<String> seen = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(POLL)) {
                    if (record.value().startsWith(runId + ":") && !seen.add(record.value())) {
                        throw new IllegalStateException("duplicate record " + record.value());
                    }
                }
            }
        }
        return seen.size();
    }

    private static void insert(PostgresAddress db, String user, String password, String runId, int count)
            throws SQLException {
        try (Connection connection = PostgresCheck.connect(db, user, password)) {
            connection.createStatement().execute(
                    "create table if not exists durability_check (run_id text, seq int, primary key (run_id, seq))");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into durability_check values (?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, runId);
                    insert.setInt(2, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private static int countRows(PostgresAddress db, String user, String password, String runId) throws SQLException {
        try (Connection connection = PostgresCheck.connect(db, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from durability_check where run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; source .fieldcast/runtime.env first");
        }
        return value;
    }
}
