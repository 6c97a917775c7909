package io.fieldcast.infra.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What to start, read from environment variables. An external PostgreSQL or Kafka is used when its address is
 * set; otherwise the embedded server and the local broker are started on their ports.
 */
public record RuntimeConfig(FieldcastHome home,
                            Optional<PostgresAddress> externalPostgres, String pgUser, String pgPassword, int pgPort,
                            Optional<String> externalKafka, int kafkaPort, int kafkaControllerPort) {

    public static final String HOME = "FIELDCAST_HOME";
    public static final String PG_URL = "FIELDCAST_PG_URL";
    public static final String PG_USER = "FIELDCAST_PG_USER";
    public static final String PG_PASSWORD = "FIELDCAST_PG_PASSWORD";
    public static final String PG_PORT = EmbeddedPostgresServer.PORT_ENV;
    public static final String KAFKA_BOOTSTRAP = "FIELDCAST_KAFKA_BOOTSTRAP";
    public static final String KAFKA_PORT = KafkaBrokerProcess.PORT_ENV;
    public static final String KAFKA_CONTROLLER_PORT = KafkaBrokerProcess.CONTROLLER_PORT_ENV;

    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

    /** Embedded servers on the given ports under {@code home}: what tests and the demo use. */
    public static RuntimeConfig local(Path home, int pgPort, int kafkaPort, int kafkaControllerPort) {
        return new RuntimeConfig(FieldcastHome.of(home), Optional.empty(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD, pgPort, Optional.empty(), kafkaPort, kafkaControllerPort);
    }

    /**
     * Reads the {@code FIELDCAST_*} variables. Addresses that came from a sourced {@code runtime.env} of an embedded
     * runtime (marked by {@code FIELDCAST_PG_EMBEDDED=true} / {@code FIELDCAST_KAFKA_EMBEDDED=true}) are not taken
     * as external servers, so {@code up} after sourcing that file still starts the embedded ones.
     */
    public static RuntimeConfig fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault(HOME, ".fieldcast"));
        Optional<PostgresAddress> pg = value(env, PG_URL)
                .filter(url -> !"true".equals(env.get(RuntimeEnv.PG_EMBEDDED)))
                .map(PostgresAddress::parse);
        Optional<String> kafka = value(env, KAFKA_BOOTSTRAP)
                .filter(servers -> !"true".equals(env.get(RuntimeEnv.KAFKA_EMBEDDED)));
        String user = pg.isPresent() ? value(env, PG_USER).orElse("postgres") : EmbeddedPostgresServer.USER;
        String password = pg.isPresent() ? value(env, PG_PASSWORD).orElse("postgres") : EmbeddedPostgresServer.PASSWORD;
        return new RuntimeConfig(FieldcastHome.of(home), pg, user, password,
                port(env, PG_PORT, DEFAULT_PG_PORT), kafka, port(env, KAFKA_PORT, DEFAULT_KAFKA_PORT),
                port(env, KAFKA_CONTROLLER_PORT, DEFAULT_KAFKA_CONTROLLER_PORT));
    }

    /** The variables that make {@link #fromEnvironment} in another process return this config. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(HOME, home.root().toString());
        externalPostgres.ifPresent(address -> {
            env.put(PG_URL, address.url());
            env.put(PG_USER, pgUser);
            env.put(PG_PASSWORD, pgPassword);
        });
        env.put(PG_PORT, String.valueOf(pgPort));
        externalKafka.ifPresent(servers -> env.put(KAFKA_BOOTSTRAP, servers));
        env.put(KAFKA_PORT, String.valueOf(kafkaPort));
        env.put(KAFKA_CONTROLLER_PORT, String.valueOf(kafkaControllerPort));
        return env;
    }

    public boolean embeddedPostgres() {
        return externalPostgres.isEmpty();
    }

    public boolean embeddedKafka() {
        return externalKafka.isEmpty();
    }

    /** Fails before anything starts when a port of an embedded server is taken. */
    public void requirePortsFree() {
        if (embeddedPostgres()) {
            Ports.requireFree(pgPort, PG_PORT);
        }
        if (embeddedKafka()) {
            Ports.requireFree(kafkaPort, KAFKA_PORT);
            Ports.requireFree(kafkaControllerPort, KAFKA_CONTROLLER_PORT);
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        Optional<String> text = value(env, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (1-65535), was: " + text.get());
    }
}
