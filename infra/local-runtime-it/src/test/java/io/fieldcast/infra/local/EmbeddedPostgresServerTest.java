package io.fieldcast.infra.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresServerTest {

    private static final String USER = EmbeddedPostgresServer.USER;
    private static final String PASSWORD = EmbeddedPostgresServer.PASSWORD;

    @TempDir
    Path dir;

    private EmbeddedPostgresServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void rowsSurviveServerRestartOnTheSameDataDirectory() throws Exception {
        int port = Ports.freePort();
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
        PostgresAddress db = server.ensureDatabase("fieldcast");
        execute(db, "create table visit (id int primary key, note text)");
        execute(db, "insert into visit values (1, 'boiler, basement')");

        server.stop();
        assertFalse(PostgresCheck.answers(db, USER, PASSWORD));
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);

        PostgresAddress restarted = server.ensureDatabase("fieldcast");
        assertEquals("boiler, basement", query(restarted, "select note from visit where id = 1"));
    }

    @Test
    void serverIsPostgresEighteen() throws Exception {
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), Ports.freePort());

        String version = PostgresCheck.serverVersion(server.address("postgres"), USER, PASSWORD);

        assertTrue(version.startsWith("18."), version);
    }

    @Test
    void ensureDatabaseCreatesItOnceAndIsIdempotent() throws Exception {
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), Ports.freePort());

        server.ensureDatabase("fieldcast");
        PostgresAddress again = server.ensureDatabase("fieldcast");

        assertEquals("fieldcast", query(again, "select current_database()"));
        assertEquals("1", query(server.address("postgres"),
                "select count(*) from pg_database where datname = 'fieldcast'"));
    }

    @Test
    void portInUseFailsFastNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            var error = assertThrows(PortInUseException.class,
                    () -> EmbeddedPostgresServer.start(dir.resolve("pg"), taken.getLocalPort()));

            assertEquals("port " + taken.getLocalPort() + " is in use by another process; set FIELDCAST_PG_PORT",
                    error.getMessage());
        }
    }

    private static void execute(PostgresAddress db, String sql) throws Exception {
        try (Connection connection = PostgresCheck.connect(db, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(PostgresAddress db, String sql) throws Exception {
        try (Connection connection = PostgresCheck.connect(db, USER, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
