package io.fieldcast.infra.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 18 server from the zonky binaries on the classpath, on a data directory that is kept, so
 * rows survive restarts. As root, zonky runs initdb and postgres in a user namespace ({@code unshare -U}), since
 * PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /**
     * initdb creates this superuser with trust authentication on localhost, so any password is accepted until
     * {@link #requirePasswords} ends that (the local runtime does, with a generated password).
     */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String PORT_ENV = "FIELDCAST_PG_PORT";

    private static final String HBA_PASSWORDS = """
            # Written by Fieldcast's local runtime: every role logs in with its password, the superuser too.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    // Crash recovery after a killed supervisor can take longer than zonky's 10 s default on a busy machine.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, null);
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile) {
        return start(dataDirectory, port, logFile, PASSWORD);
    }

    /**
     * Starts the server on {@code localhost:port}, running initdb first when {@code dataDirectory} holds no cluster.
     *
     * @param logFile where the server's own log goes (appended); null sends it to this JVM's slf4j logger
     * @param superuserPassword what the superuser logs in with once {@link #requirePasswords} has run on this data
     *                          directory (before that, trust authentication ignores it)
     * @throws PortInUseException when the port is taken
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile, String superuserPassword) {
        Ports.requireFree(port, PORT_ENV);
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            removeStaleLock(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setConnectConfig("password", superuserPassword)
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky's test defaults (-F, synchronous_commit=off) trade durability for speed; the outbox
                    // relies on a commit being on disk once it returns.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Four services, two instances each with connection pools, plus Flyway and tools.
                    .setServerConfig("max_connections", "400");
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                LogFiles.rotateIfLarge(logFile);
                ProcessBuilder.Redirect redirect = ProcessBuilder.Redirect.appendTo(logFile.toFile());
                builder.setOutputRedirector(redirect).setErrorRedirector(redirect);
            }
            return new EmbeddedPostgresServer(builder.start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port + " with data in "
                    + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code name} unless it exists; safe to call on every start and from several processes. */
    public PostgresAddress ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database " + name);
                } catch (SQLException e) {
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            return address(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends trust authentication: the superuser gets {@code superuserPassword}, and {@code pg_hba.conf} then asks every
     * connection (socket or TCP, any role) for its password (scram-sha-256). initdb's trust would let any local
     * process log in as any role, the superuser included, which would make the services' own roles pointless.
     * Idempotent; the configuration is reloaded, no restart.
     */
    public void requirePasswords(String superuserPassword) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("alter role " + USER + " with password '" + superuserPassword.replace("'", "''") + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            if (!HBA_PASSWORDS.equals(Files.readString(hba))) {
                Files.writeString(hba, HBA_PASSWORDS);
                sql.execute("select pg_reload_conf()");
            }
            try (ResultSet errors = sql.executeQuery(
                    "select line_number, error from pg_hba_file_rules where error is not null")) {
                if (errors.next()) {
                    throw new IllegalStateException(hba + " line " + errors.getInt(1) + ": " + errors.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot require passwords on the embedded PostgreSQL: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite pg_hba.conf in " + dataDirectory, e);
        }
    }

    /** A connection to {@code database} as the superuser (whose password the server was started with). */
    public Connection superuserConnection(String database) throws SQLException {
        return postgres.getDatabase(USER, database).getConnection();
    }

    public PostgresAddress address(String database) {
        return PostgresAddress.local(port(), database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Whether the server process still runs (the postmaster named in {@code postmaster.pid}); false after it was
     * killed, also while it lingers as a zombie nobody reaped.
     */
    public boolean alive() {
        return postmasterPid(dataDirectory).filter(EmbeddedPostgresServer::running).isPresent();
    }

    private static Optional<Long> postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Alive and not a zombie (Linux: the state in /proc/pid/stat; elsewhere: alive). */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the lock file of a server that was killed (its pid dead or a zombie), which would otherwise make the
     * next start refuse ("another postmaster is running").
     */
    static void removeStaleLock(Path dataDirectory) throws IOException {
        Optional<Long> pid = postmasterPid(dataDirectory);
        if (pid.isPresent() && !running(pid.get())) {
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        }
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}): open sessions are ended, committed data is on disk. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
