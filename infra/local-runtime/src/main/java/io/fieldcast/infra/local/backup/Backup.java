package io.fieldcast.infra.local.backup;

import io.fieldcast.infra.local.FieldcastHome;
import io.fieldcast.infra.local.PostgresAddress;
import io.fieldcast.infra.local.RuntimeEnv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code ./fieldcast backup [directory]}: one consistent copy of a running local runtime, taken while the services
 * keep working. In this order, so that nothing the database knows is missing from the broker's copy and no consumer
 * position runs ahead of the database:
 * <ol>
 *   <li>every consumer group's committed positions (a consumer commits after its database transaction, so the
 *       database copy taken next holds at least what they say was read);</li>
 *   <li>PostgreSQL, physically and online ({@link PgBaseBackup}): every service's schema, roles and sequences;</li>
 *   <li>every record of every topic up to its end now (everything the database's outboxes had published, and the GPS
 *       fixes, which are accepted by the broker alone);</li>
 *   <li>the platform keys and generated secrets (tokens, tracking and manage links keep working).</li>
 * </ol>
 * {@link Restore} puts it into an empty runtime and reconciles the two copies.
 *
 * <pre>
 * manifest.properties   what was taken, when, the schemas' migration versions
 * postgres/             the data directory with backup_label and its write-ahead log
 * kafka/                records, topics, consumer positions ({@link KafkaSnapshot})
 * keys/ secrets/        as in FIELDCAST_HOME
 * </pre>
 */
public final class Backup {

    static final String MANIFEST = "manifest.properties";
    static final String FORMAT = "1";

    /** What was taken. */
    public record Result(Path directory, long postgresBytes, long kafkaRecords, int groups, Map<String, String> schemas) {
    }

    private Backup() {
    }

    /** The directory a backup goes to by default: {@code FIELDCAST_HOME/backups/fieldcast-<UTC time>}. */
    public static Path defaultDirectory(FieldcastHome home, Clock clock) {
        return home.root().resolve("backups").resolve("fieldcast-" + DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(clock.instant()));
    }

    /** Takes a backup of the runtime in {@code home}, which is up with {@code env} (its runtime.env), into {@code target}. */
    public static Result take(FieldcastHome home, Map<String, String> env, Path target, Clock clock,
                              PrintStream out) throws IOException, SQLException, InterruptedException {
        if (!"true".equals(env.get(RuntimeEnv.PG_EMBEDDED))) {
            throw new IllegalStateException("PostgreSQL is external (" + env.get(RuntimeEnv.PG_URL) + "): back it up "
                    + "with its own tools (pg_basebackup, or infra/deploy's CloudNativePG backups); this command backs "
                    + "up the embedded runtime");
        }
        if (Files.exists(target) && !isEmpty(target)) {
            throw new IllegalArgumentException(target + " exists and is not empty; give a new directory");
        }
        Files.createDirectories(target);
        String bootstrap = env.get(RuntimeEnv.KAFKA_BOOTSTRAP);
        Properties manifest = new Properties();
        manifest.setProperty("format", FORMAT);
        manifest.setProperty("taken_at", clock.instant().toString());

        out.println("backup 1/4 consumer groups' positions");
        int groups = KafkaSnapshot.saveOffsets(bootstrap, target.resolve("kafka"));
        out.printf(Locale.ROOT, "  %d groups%n", groups);

        out.println("backup 2/4 PostgreSQL (online copy of " + home.postgresData() + ")");
        PgBaseBackup.Taken pg;
        Map<String, String> schemas;
        try (Connection db = connect(env)) {
            schemas = migrationVersions(db);
            pg = PgBaseBackup.copy(db, home.postgresData(), target.resolve("postgres"));
            manifest.setProperty("postgres.version", single(db, "show server_version"));
        }
        manifest.setProperty("postgres.started_at", pg.startedAt().toString());
        manifest.setProperty("postgres.start_lsn", pg.startLsn());
        manifest.setProperty("postgres.stop_lsn", pg.stopLsn());
        manifest.setProperty("postgres.bytes", Long.toString(pg.bytes()));
        schemas.forEach((schema, version) -> manifest.setProperty("schema." + schema, version));
        out.printf(Locale.ROOT, "  %.1f MB, log %s..%s, schemas %s%n", pg.bytes() / 1e6, pg.startLsn(), pg.stopLsn(),
                schemas);

        out.println("backup 3/4 Kafka records");
        long records = KafkaSnapshot.saveRecords(bootstrap, target.resolve("kafka"));
        manifest.setProperty("kafka.records", Long.toString(records));
        manifest.setProperty("kafka.groups", Integer.toString(groups));
        out.printf(Locale.ROOT, "  %d records%n", records);

        out.println("backup 4/4 keys and secrets");
        copyFlat(home.keys(), target.resolve("keys"));
        copyFlat(home.secrets(), target.resolve("secrets"));

        KafkaSnapshot.store(manifest, target.resolve(MANIFEST), "fieldcast backup");
        out.println("backup written to " + target + " (restore it into an empty runtime: FIELDCAST_HOME=<new "
                + "directory> ./fieldcast restore " + target + ")");
        return new Result(target, pg.bytes(), records, groups, schemas);
    }

    /** Each schema's applied migration version (its Flyway history), for the restore to show. */
    static Map<String, String> migrationVersions(Connection db) throws SQLException {
        Map<String, String> versions = new TreeMap<>();
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("""
                select table_schema from information_schema.tables where table_name = 'flyway_schema_history'""")) {
            while (rs.next()) {
                versions.put(rs.getString(1), "");
            }
        }
        for (String schema : versions.keySet()) {
            versions.put(schema, single(db, "select coalesce(max(version), '') from (select version from \""
                    + schema + "\".flyway_schema_history where success order by installed_rank desc limit 1) v"));
        }
        return versions;
    }

    static Connection connect(Map<String, String> env) throws SQLException {
        String url = PostgresAddress.parse(env.get(RuntimeEnv.PG_URL)).jdbcUrl();
        return DriverManager.getConnection(url, env.get(RuntimeEnv.PG_USER), env.get(RuntimeEnv.PG_PASSWORD));
    }

    static String single(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Copies the files of {@code from} (not below) into {@code to}, keeping their permissions. */
    static void copyFlat(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
