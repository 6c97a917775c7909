package io.fieldcast.infra.local.backup;

import io.fieldcast.infra.local.FieldcastHome;
import io.fieldcast.infra.local.RuntimeEnv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ./fieldcast restore <backup>}: a {@link Backup} into an empty runtime, in two steps around its start.
 * {@link #layOut} puts the database copy, keys and secrets into the new {@code FIELDCAST_HOME}; the runtime then
 * starts (PostgreSQL replays the copy's log and opens consistent; the broker and its topics are new). {@link #replay}
 * writes the records back and reconciles the two copies, which were taken a few seconds apart:
 * <ul>
 *   <li>a record of an outbox's topic written after the database copy began, whose event is in no restored outbox,
 *       belongs to the database's future (a booking the restored dispatch never made): left out;</li>
 *   <li>an event the restored outbox still had to publish but that is in the records is marked published, so it is
 *       not delivered twice;</li>
 *   <li>the consumer groups resume from their positions before the database copy, translated to the new offsets:
 *       what they read again they recognise (processed-event marks) and skip.</li>
 * </ul>
 * GPS fixes and dead letters are kept whatever their time: the broker alone accepted them.
 */
public final class Restore {

    /** What a restore did. */
    public record Result(long records, long dropped, int groups, int markedPublished, Map<String, String> schemas) {
    }

    private Restore() {
    }

    /** Puts the backup's database, keys and secrets into {@code home}, which must hold no runtime yet. */
    public static Properties layOut(Path backup, FieldcastHome home, PrintStream out) throws IOException {
        Path manifestFile = backup.resolve(Backup.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(backup + " is not a Fieldcast backup (no " + Backup.MANIFEST + ")");
        }
        Properties manifest = KafkaSnapshot.load(manifestFile);
        if (!Backup.FORMAT.equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException(backup + " is a backup of format " + manifest.getProperty("format")
                    + "; this version reads format " + Backup.FORMAT);
        }
        if (!Backup.isEmpty(home.postgresData()) || !Backup.isEmpty(home.kafkaData())) {
            throw new IllegalStateException(home.root() + " already holds a runtime (postgres/ or kafka/); restore "
                    + "into an empty one: FIELDCAST_HOME=<new directory> ./fieldcast restore " + backup);
        }
        out.println("restore 1/3 database copy of " + manifest.getProperty("postgres.started_at") + ", keys and "
                + "secrets into " + home.root());
        copyTree(backup.resolve("postgres"), home.postgresData());
        Backup.copyFlat(backup.resolve("keys"), home.keys());
        Backup.copyFlat(backup.resolve("secrets"), home.secrets());
        return manifest;
    }

    /** With the runtime up on {@code env}: the records, the groups' positions, the outboxes reconciled. */
    public static Result replay(Path backup, Map<String, String> env, PrintStream out) throws IOException,
            SQLException, InterruptedException {
        Properties manifest = KafkaSnapshot.load(backup.resolve(Backup.MANIFEST));
        long since = Instant.parse(manifest.getProperty("postgres.started_at")).toEpochMilli();
        try (Connection db = Backup.connect(env)) {
            Map<String, String> schemas = Backup.migrationVersions(db);
            out.printf(Locale.ROOT, "restore 2/3 PostgreSQL opened on the copy: schemas %s%n", schemas);
            Set<UUID> inOutboxes = outboxEvents(db);
            out.println("restore 3/3 Kafka records and consumer positions");
            KafkaSnapshot.Imported imported = KafkaSnapshot.restore(backup.resolve("kafka"),
                    env.get(RuntimeEnv.KAFKA_BOOTSTRAP), r -> {
                        if (KafkaSnapshot.direct(r.topic()) || r.timestamp() < since) {
                            return true;
                        }
                        UUID id = r.eventId();
                        return id == null || inOutboxes.contains(id);
                    });
            int marked = markPublished(db, imported.eventIds());
            out.printf(Locale.ROOT, "  %d records on %d partitions, %d left out (written after the database copy, "
                            + "events it never made), %d groups' positions, %d outbox events already in Kafka marked "
                            + "published%n", imported.records(), imported.partitions(), imported.dropped(),
                    imported.groups(), marked);
            return new Result(imported.records(), imported.dropped(), imported.groups(), marked, schemas);
        }
    }

    /** Every event id in every schema's outbox. */
    static Set<UUID> outboxEvents(Connection db) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        for (String schema : outboxSchemas(db)) {
            try (Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("select event_id from \"" + schema + "\".outbox")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static List<String> outboxSchemas(Connection db) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
                "select table_schema from information_schema.tables where table_name = 'outbox'")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    private static int markPublished(Connection db, List<UUID> inKafka) throws SQLException {
        int marked = 0;
        Array ids = db.createArrayOf("uuid", inKafka.toArray());
        for (String schema : outboxSchemas(db)) {
            try (PreparedStatement update = db.prepareStatement("update \"" + schema + "\".outbox set published_at "
                    + "= now() where published_at is null and event_id = any(?)")) {
                update.setArray(1, ids);
                marked += update.executeUpdate();
            }
        }
        return marked;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException(from + " is missing: the backup holds no database copy");
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
