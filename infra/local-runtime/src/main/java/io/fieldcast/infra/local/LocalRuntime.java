package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

        PostgresAddress pgAddress;
        if (config.externalPostgres().isPresent()) {
            pgAddress = config.externalPostgres().get();
        } else {
            postgres = EmbeddedPostgresServer.start(home.postgresData(), config.pgPort(), home.postgresLog());
            abortIfClosed();
            pgAddress = postgres.ensureDatabase(DATABASE);
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

        environment = RuntimeEnv.of(pgAddress, config.pgUser(), config.pgPassword(), config.embeddedPostgres(),
                bootstrap, config.embeddedKafka(), keys);
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
        postgres = EmbeddedPostgresServer.start(home.postgresData(), config.pgPort(), home.postgresLog());
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
