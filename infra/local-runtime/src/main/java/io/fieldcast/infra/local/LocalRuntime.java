package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL, Kafka, topics and keys, started in that order from a {@link RuntimeConfig}: what {@code ./fieldcast up}
 * runs inside its supervisor, and what a demo or simulator can run in its own JVM.
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.local(home, 15432, 19092, 19093))) {
 *     String bootstrap = runtime.environment().get(RuntimeEnv.KAFKA_BOOTSTRAP);
 * }
 * }</pre>
 */
public final class LocalRuntime implements AutoCloseable {

    /** The database every service's schema lives in. */
    public static final String DATABASE = "fieldcast";
    /** Under {@code secrets/}: the embedded server's superuser password, and customer-notify's tracking-link key. */
    public static final String SUPERUSER_PASSWORD_FILE = "postgres.password";
    public static final String TRACKING_SECRET_FILE = "tracking-link.secret";
    /** Under {@code secrets/}: dispatch-service's key for the customers' manage links. */
    public static final String PORTAL_LINK_SECRET_FILE = "portal-link.secret";

    private final RuntimeConfig config;
    private volatile EmbeddedPostgresServer postgres;
    private volatile KafkaBrokerProcess kafka;
    private volatile Map<String, String> environment;
    private volatile boolean closed;

    public LocalRuntime(RuntimeConfig config) {
        this.config = config;
    }

    /** Starts everything; on failure stops what already started and rethrows. */
    public static LocalRuntime start(RuntimeConfig config) {
        LocalRuntime runtime = new LocalRuntime(config);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * Starts or checks each part. {@link #close()} may run concurrently (a shutdown hook): parts started after it
     * are stopped at once.
     */
    public void startAll() {
        FieldcastHome home = config.home();
        // Everything that can fail fast is checked before anything is started.
        config.requirePortsFree();
        config.externalPostgres().ifPresent(address ->
                PostgresCheck.requireReachable(address, config.pgUser(), config.pgPassword()));
        config.externalKafka().ifPresent(KafkaCheck::requireReachable);
        PlatformKeys keys = PlatformKeys.ensure(home.keys());

        String trackingSecret = GeneratedSecrets.ensure(home.secrets(), TRACKING_SECRET_FILE);
        String portalLinkSecret = GeneratedSecrets.ensure(home.secrets(), PORTAL_LINK_SECRET_FILE);

        PostgresAddress pgAddress;
        String pgPassword = config.pgPassword();
        List<DatabaseRoles.Role> roles = List.of();
        if (config.externalPostgres().isPresent()) {
            // An external server's roles are its operator's (infra/deploy creates them): services share the login.
            pgAddress = config.externalPostgres().get();
        } else {
            pgPassword = superuserPassword();
            postgres = EmbeddedPostgresServer.start(home.postgresData(), config.pgPort(), home.postgresLog(),
                    pgPassword);
            abortIfClosed();
            pgAddress = postgres.ensureDatabase(DATABASE);
            roles = DatabaseRoles.generated(home);
            provisionRoles(roles);
            postgres.requirePasswords(pgPassword);
        }

        String bootstrap;
        if (config.externalKafka().isPresent()) {
            bootstrap = config.externalKafka().get();
        } else {
            kafka = KafkaBrokerProcess.start(home.kafkaData(), config.kafkaPort(), config.kafkaControllerPort(),
                    home.kafkaLog());
            abortIfClosed();
            writePid(kafka.pid());
            bootstrap = kafka.bootstrapServers();
        }
        TopicSetup.createAll(bootstrap);

        environment = RuntimeEnv.of(pgAddress, config.pgUser(), pgPassword, config.embeddedPostgres(),
                bootstrap, config.embeddedKafka(), keys, roles, trackingSecret, portalLinkSecret);
    }

    private String superuserPassword() {
        return GeneratedSecrets.ensure(config.home().secrets(), SUPERUSER_PASSWORD_FILE);
    }

    /** One role per service schema, also in a database made before the roles existed (its objects change owner). */
    private void provisionRoles(List<DatabaseRoles.Role> roles) {
        try (Connection superuser = postgres.superuserConnection(DATABASE);
             Statement sql = superuser.createStatement()) {
            DatabaseRoles.provision(superuser, DATABASE, roles);
            // The maintenance databases are the superuser's too.
            sql.execute("revoke connect on database postgres from public");
            sql.execute("revoke connect on database template1 from public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the services' database roles: " + e.getMessage(), e);
        }
    }

    /** The {@code runtime.env} values; empty until {@link #startAll()} has returned. */
    public Map<String, String> environment() {
        return environment == null ? Map.of() : environment;
    }

    public RuntimeConfig config() {
        return config;
    }

    public Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<KafkaBrokerProcess> kafkaBroker() {
        return Optional.ofNullable(kafka);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Starts the embedded broker again on its data and ports (after it died); returns the new process. */
    public synchronized KafkaBrokerProcess restartKafka() {
        if (closed) {
            throw new IllegalStateException("the runtime is stopping");
        }
        FieldcastHome home = config.home();
        kafka = KafkaBrokerProcess.start(home.kafkaData(), config.kafkaPort(), config.kafkaControllerPort(),
                home.kafkaLog());
        writePid(kafka.pid());
        return kafka;
    }

    /** Starts the embedded PostgreSQL again on its data (after it died: it recovers from its write-ahead log). */
    public synchronized void restartPostgres() {
        if (closed) {
            throw new IllegalStateException("the runtime is stopping");
        }
        FieldcastHome home = config.home();
        EmbeddedPostgresServer dead = postgres;
        if (dead != null) {
            try {
                dead.stop(); // nothing left to stop, but it lets go of the data directory's lock
            } catch (RuntimeException e) {
                System.err.println("[fieldcast] the killed PostgreSQL did not stop cleanly: " + e);
            }
        }
        postgres = EmbeddedPostgresServer.start(home.postgresData(), config.pgPort(), home.postgresLog(),
                superuserPassword());
    }

    /** Stops the broker (graceful, killed after a timeout) and then PostgreSQL (fast shutdown); idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Runnable> steps = List.of(this::stopKafka, this::stopPostgres);
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("[fieldcast] while stopping: " + e);
            }
        }
    }

    private void stopKafka() {
        KafkaBrokerProcess broker = kafka;
        if (broker != null) {
            broker.stop();
            try {
                Files.deleteIfExists(config.home().kafkaPid());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void stopPostgres() {
        EmbeddedPostgresServer server = postgres;
        if (server != null) {
            server.stop();
        }
    }

    private void abortIfClosed() {
        if (closed) {
            close();
            throw new IllegalStateException("shutdown requested while starting");
        }
    }

    /** Lets {@code down} find a broker left behind by a supervisor that was killed. */
    private void writePid(long pid) {
        try {
            Files.createDirectories(config.home().run());
            Files.writeString(config.home().kafkaPid(), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
