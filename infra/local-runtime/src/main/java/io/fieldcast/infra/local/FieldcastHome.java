package io.fieldcast.infra.local;

import java.nio.file.Path;

/**
 * The layout of the {@code .fieldcast} directory (repository root by default, {@code FIELDCAST_HOME} overrides):
 * <pre>
 * postgres/       embedded PostgreSQL data directory (kept across restarts)
 * kafka/          broker: server.properties, cluster.id, data/ (the log directory)
 * keys/           platform RSA key pair (PEM)
 * secrets/        generated passwords (the superuser's, each service role's) and the tracking-link key, owner-only
 * logs/           supervisor.log, kafka.log, postgres.log
 * run/            supervisor.pid, kafka.pid, supervisor.failed, control.lock
 * runtime.env     KEY=value lines for services and later commands; present only while the runtime is up
 * </pre>
 */
public record FieldcastHome(Path root) {

    public FieldcastHome {
        root = root.toAbsolutePath().normalize();
    }

    public static FieldcastHome of(Path root) {
        return new FieldcastHome(root);
    }

    public Path postgresData() {
        return root.resolve("postgres");
    }

    public Path kafkaData() {
        return root.resolve("kafka");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    /** Generated secrets, one owner-only file each: see {@link GeneratedSecrets}. */
    public Path secrets() {
        return root.resolve("secrets");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path supervisorLog() {
        return logs().resolve("supervisor.log");
    }

    public Path kafkaLog() {
        return logs().resolve("kafka.log");
    }

    public Path postgresLog() {
        return logs().resolve("postgres.log");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path supervisorPid() {
        return run().resolve("supervisor.pid");
    }

    public Path kafkaPid() {
        return run().resolve("kafka.pid");
    }

    /** Written by a supervisor that could not start, with the reason; read and shown by {@code up}. */
    public Path failure() {
        return run().resolve("supervisor.failed");
    }

    public Path controlLock() {
        return run().resolve("control.lock");
    }

    public Path runtimeEnv() {
        return root.resolve("runtime.env");
    }
}
