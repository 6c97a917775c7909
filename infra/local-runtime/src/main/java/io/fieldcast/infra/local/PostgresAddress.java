package io.fieldcast.infra.local;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a PostgreSQL database is, in the {@code postgresql://host:port/database} form that Quarkus's reactive client
 * takes; {@link #jdbcUrl()} gives the JDBC form that Flyway and plain JDBC take.
 */
public record PostgresAddress(String host, int port, String database) {

    public static final int DEFAULT_PORT = 5432;

    public static PostgresAddress local(int port, String database) {
        return new PostgresAddress("localhost", port, database);
    }

    /** Accepts {@code postgresql://host[:port]/database}, also with a {@code jdbc:} prefix; no query string. */
    public static PostgresAddress parse(String url) {
        String text = url.strip();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        try {
            URI uri = new URI(text);
            String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || database.isEmpty()) {
                throw new IllegalArgumentException(expected(url));
            }
            return new PostgresAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected(url), e);
        }
    }

    public String url() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:" + url();
    }

    @Override
    public String toString() {
        return url();
    }

    private static String expected(String url) {
        return "FIELDCAST_PG_URL must look like postgresql://host:port/database, was: " + url;
    }
}
