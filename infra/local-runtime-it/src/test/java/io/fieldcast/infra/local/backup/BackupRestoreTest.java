package io.fieldcast.infra.local.backup;

import io.fieldcast.events.Topics;
import io.fieldcast.infra.local.FieldcastHome;
import io.fieldcast.infra.local.LocalRuntime;
import io.fieldcast.infra.local.Ports;
import io.fieldcast.infra.local.RuntimeConfig;
import io.fieldcast.infra.local.RuntimeEnv;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup taken while a service keeps booking (a row and its outbox event in one transaction, then the event sent
 * and marked published) and GPS fixes keep arriving, restored into an empty runtime: every booking committed before
 * the backup began is there, every appointment event in the broker has its booking, every published outbox event is
 * in the broker and no unpublished one is, the consumer group resumes where it was, and the keys and secrets are
 * the old ones (a role logs in with its old password).
 */
class BackupRestoreTest {

    static final String APPOINTMENTS = Topics.APPOINTMENTS;

    @TempDir
    Path dir;

    @Test
    void aBackupTakenMidDayRestoresIntoAnEmptyRuntimeLosingNoBooking() throws Exception {
        Path backup = dir.resolve("backup");
        List<Long> committed = new CopyOnWriteArrayList<>();
        Set<Long> committedBeforeBackup;
        UUID inKafkaNotMarked = UUID.randomUUID();
        UUID neverSent = UUID.randomUUID();
        long pingsBefore;
        Map<String, String> envA;
        byte[] privateKey;
        try (LocalRuntime a = LocalRuntime.start(RuntimeConfig.local(dir.resolve("a"), Ports.freePort(),
                Ports.freePort(), Ports.freePort()))) {
            envA = a.environment();
            privateKey = Files.readAllBytes(Path.of(envA.get(RuntimeEnv.JWT_PRIVATE_KEY)));
            try (Connection db = superuser(envA)) {
                execute(db, "create table dispatch.appointment (id bigserial primary key, note text not null)");
                execute(db, """
                        create table dispatch.outbox (id bigserial primary key, event_id uuid not null unique,
                            topic text not null, payload text not null, published_at timestamptz)""");
            }
            try (Connection db = superuser(envA); KafkaProducer<String, String> producer = producer(envA)) {
                for (int i = 0; i < 40; i++) {
                    book(db, producer, "morning " + i, committed);
                }
                // Sent, but the service died before marking it; and one it never got to send.
                UUID[] ids = {inKafkaNotMarked, neverSent};
                for (UUID id : ids) {
                    long appointment = insert(db, "late " + id, id);
                    committed.add(appointment);
                    if (id == inKafkaNotMarked) {
                        producer.send(new ProducerRecord<>(APPOINTMENTS, Long.toString(appointment),
                                event(id, appointment))).get();
                    }
                }
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(Topics.TECH_LOCATIONS, "tech-1", ping(i))).get();
                }
            }
            // A consumer group that has read the first 10 records of partition 0.
            TopicPartition p0 = new TopicPartition(APPOINTMENTS, 0);
            try (Admin admin = KafkaSnapshot.admin(envA.get(RuntimeEnv.KAFKA_BOOTSTRAP))) {
                admin.alterConsumerGroupOffsets("notify.appointments", Map.of(p0, new OffsetAndMetadata(10)))
                        .all().get();
            }

            // Mid-day: bookings and fixes keep coming while the backup is taken.
            AtomicBoolean running = new AtomicBoolean(true);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Thread booking = Thread.ofPlatform().start(() -> {
                try (Connection db = superuser(envA); KafkaProducer<String, String> producer = producer(envA)) {
                    for (int i = 0; running.get(); i++) {
                        book(db, producer, "midday " + i, committed);
                        Thread.sleep(5);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            AtomicLong pings = new AtomicLong();
            Thread fixes = Thread.ofPlatform().start(() -> {
                try (KafkaProducer<String, String> producer = producer(envA)) {
                    for (int i = 0; running.get(); i++) {
                        producer.send(new ProducerRecord<>(Topics.TECH_LOCATIONS, "tech-2", ping(i))).get();
                        pings.incrementAndGet();
                        Thread.sleep(5);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            Thread.sleep(500);
            committedBeforeBackup = new HashSet<>(committed);
            pingsBefore = 30 + pings.get();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Backup.Result taken = Backup.take(FieldcastHome.of(dir.resolve("a")), envA, backup, Clock.systemUTC(),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            Thread.sleep(300);
            running.set(false);
            booking.join();
            fixes.join();
            assertEquals(List.of(), failures);
            assertTrue(committed.size() > committedBeforeBackup.size(), "bookings went on during the backup");
            assertTrue(taken.kafkaRecords() >= committedBeforeBackup.size() - 1 + pingsBefore, taken.toString());
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("backup 4/4"), printed.toString());
            System.out.print(printed.toString(StandardCharsets.UTF_8));
            assertTrue(Files.exists(backup.resolve("postgres/backup_label")));
            // A second backup into the same place is refused, not mixed in.
            assertThrows(IllegalArgumentException.class, () -> Backup.take(FieldcastHome.of(dir.resolve("a")), envA,
                    backup, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())));
        }

        FieldcastHome homeB = FieldcastHome.of(dir.resolve("b"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Restore.layOut(backup, homeB, out);
        try (LocalRuntime b = LocalRuntime.start(RuntimeConfig.local(homeB.root(), Ports.freePort(),
                Ports.freePort(), Ports.freePort()))) {
            Map<String, String> envB = b.environment();
            Restore.Result restored = Restore.replay(backup, envB, out);

            assertEquals(envA.get(RuntimeEnv.PG_PASSWORD), envB.get(RuntimeEnv.PG_PASSWORD));
            assertEquals(envA.get(RuntimeEnv.TRACKING_SECRET), envB.get(RuntimeEnv.TRACKING_SECRET));
            assertArrayEquals(privateKey, Files.readAllBytes(Path.of(envB.get(RuntimeEnv.JWT_PRIVATE_KEY))));

            Map<Long, Boolean> published = new HashMap<>();
            Map<UUID, Boolean> outbox = new HashMap<>();
            try (Connection db = superuser(envB)) {
                try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("""
                        select a.id, o.event_id, o.published_at is not null
                        from dispatch.appointment a join dispatch.outbox o on o.payload::json ->> 'appointment' = a.id::text""")) {
                    while (rs.next()) {
                        published.put(rs.getLong(1), rs.getBoolean(3));
                        outbox.put(rs.getObject(2, UUID.class), rs.getBoolean(3));
                    }
                }
            }
            // No booking committed before the backup began is lost.
            Set<Long> missing = new HashSet<>(committedBeforeBackup);
            missing.removeAll(published.keySet());
            assertEquals(Set.of(), missing, "bookings committed before the backup: " + printed);

            Map<UUID, Long> events = new HashMap<>();
            long fixes = 0;
            try (KafkaConsumer<String, String> consumer = consumer(envB)) {
                for (ConsumerRecord<String, String> r : readAll(consumer, APPOINTMENTS)) {
                    UUID id = UUID.fromString(r.value().substring(r.value().indexOf("\"eventId\":\"") + 11,
                            r.value().indexOf("\"eventId\":\"") + 47));
                    assertFalse(events.containsKey(id), "one record per event: " + id);
                    events.put(id, Long.parseLong(r.key()));
                }
                fixes = readAll(consumer, Topics.TECH_LOCATIONS).size();
            }
            // Every event in the broker has its booking; every published outbox event is in the broker, and no
            // unpublished one.
            for (var e : events.entrySet()) {
                assertTrue(published.containsKey(e.getValue()), "event " + e.getKey() + " of a booking the restored "
                        + "database never made");
            }
            for (var row : outbox.entrySet()) {
                assertEquals(row.getValue(), events.containsKey(row.getKey()), "outbox event " + row.getKey()
                        + " published=" + row.getValue());
            }
            assertEquals(Boolean.TRUE, outbox.get(inKafkaNotMarked), "sent before the backup, now marked published");
            assertEquals(Boolean.FALSE, outbox.get(neverSent), "never sent: the relay still has to send it");
            assertTrue(restored.markedPublished() >= 1, restored.toString());
            assertTrue(fixes >= pingsBefore, "every GPS fix the broker had accepted before the backup: " + fixes);

            // The group resumes where it was.
            try (Admin admin = KafkaSnapshot.admin(envB.get(RuntimeEnv.KAFKA_BOOTSTRAP))) {
                var offsets = admin.listConsumerGroupOffsets("notify.appointments").partitionsToOffsetAndMetadata()
                        .get();
                assertEquals(10, offsets.get(new TopicPartition(APPOINTMENTS, 0)).offset());
            }
            // The services' roles log in with their old passwords.
            try (Connection dispatch = DriverManager.getConnection("jdbc:" + envB.get(RuntimeEnv.PG_URL),
                    envA.get("FIELDCAST_PG_USER_DISPATCH"), envA.get("FIELDCAST_PG_PASSWORD_DISPATCH"))) {
                assertTrue(dispatch.isValid(5));
            }
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("restore 3/3"), printed.toString());
            System.out.print(printed.toString(StandardCharsets.UTF_8));
        }
        // Into a home that holds a runtime already: refused.
        assertThrows(IllegalStateException.class, () -> Restore.layOut(backup, homeB,
                new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void aGroupsPositionIsTranslatedRecordForRecord() {
        // Source offsets 5..9 kept except 7 (left out); new offsets 0..3.
        long[][] map = {{5, 6, 8, 9}, {0, 1, 2, 3}};
        assertEquals(0, KafkaSnapshot.translate(map, 0), "before everything kept");
        assertEquals(0, KafkaSnapshot.translate(map, 5));
        assertEquals(2, KafkaSnapshot.translate(map, 7), "a left-out record: the next kept one");
        assertEquals(3, KafkaSnapshot.translate(map, 9));
        assertEquals(4, KafkaSnapshot.translate(map, 10), "read everything: the new end");
        assertEquals(0, KafkaSnapshot.translate(new long[][]{{}, {}}, 3), "nothing kept");
    }

    private static void book(Connection db, KafkaProducer<String, String> producer, String note, List<Long> committed)
            throws Exception {
        UUID id = UUID.randomUUID();
        long appointment = insert(db, note, id);
        committed.add(appointment);
        producer.send(new ProducerRecord<>(APPOINTMENTS, Long.toString(appointment), event(id, appointment))).get();
        try (PreparedStatement mark = db.prepareStatement(
                "update dispatch.outbox set published_at = now() where event_id = ?")) {
            mark.setObject(1, id);
            mark.executeUpdate();
        }
    }

    /** A booking and its outbox event in one transaction. */
    private static long insert(Connection db, String note, UUID eventId) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement book = db.prepareStatement(
                "insert into dispatch.appointment (note) values (?) returning id");
             PreparedStatement outbox = db.prepareStatement(
                     "insert into dispatch.outbox (event_id, topic, payload) values (?, ?, ?)")) {
            book.setString(1, note);
            long id;
            try (ResultSet rs = book.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            outbox.setObject(1, eventId);
            outbox.setString(2, APPOINTMENTS);
            outbox.setString(3, "{\"appointment\":\"" + id + "\"}");
            outbox.executeUpdate();
            db.commit();
            return id;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static String event(UUID id, long appointment) {
        return "{\"eventId\":\"" + id + "\",\"appointment\":" + appointment + "}";
    }

    private static String ping(int i) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"seq\":" + i + "}";
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer,
                                                                 String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static KafkaProducer<String, String> producer(Map<String, String> env) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get(RuntimeEnv.KAFKA_BOOTSTRAP),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, String> env) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                env.get(RuntimeEnv.KAFKA_BOOTSTRAP), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Connection superuser(Map<String, String> env) throws SQLException {
        return DriverManager.getConnection("jdbc:" + env.get(RuntimeEnv.PG_URL), env.get(RuntimeEnv.PG_USER),
                env.get(RuntimeEnv.PG_PASSWORD));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
