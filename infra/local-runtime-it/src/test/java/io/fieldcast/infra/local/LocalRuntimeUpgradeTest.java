package io.fieldcast.infra.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static io.fieldcast.infra.local.Sql.execute;
import static io.fieldcast.infra.local.Sql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A home made before the services had roles (trust authentication, the superuser owning every schema) is upgraded by
 * the next start: each service then logs in as its role, finds its rows, and cannot read another's; the superuser
 * needs its generated password.
 */
class LocalRuntimeUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void anOlderHomeGetsTheRolesAndKeepsItsData() throws Exception {
        FieldcastHome home = FieldcastHome.of(dir);
        int pgPort = Ports.freePort();
        // What an earlier ./fieldcast up and two services left behind.
        EmbeddedPostgresServer old = EmbeddedPostgresServer.start(home.postgresData(), pgPort);
        old.ensureDatabase(LocalRuntime.DATABASE);
        try (Connection superuser = old.superuserConnection(LocalRuntime.DATABASE);
             Statement sql = superuser.createStatement()) {
            sql.execute("create schema dispatch");
            sql.execute("create table dispatch.appointment (id bigserial primary key, note text)");
            sql.execute("insert into dispatch.appointment (note) values ('booked before the roles')");
            sql.execute("create schema eta");
            sql.execute("create table eta.forecast (id bigserial primary key)");
        } catch (SQLException e) {
            old.stop();
            throw e;
        }
        old.stop();
        assertFalse(Files.exists(home.secrets()));

        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.local(dir, pgPort, Ports.freePort(),
                Ports.freePort()))) {
            Map<String, String> env = runtime.environment();
            String url = "jdbc:" + env.get(RuntimeEnv.PG_URL);

            try (Connection dispatch = DriverManager.getConnection(url, env.get("FIELDCAST_PG_USER_DISPATCH"),
                    env.get("FIELDCAST_PG_PASSWORD_DISPATCH"))) {
                assertEquals("booked before the roles", query(dispatch, "select note from dispatch.appointment"));
                execute(dispatch, "insert into dispatch.appointment (note) values ('booked as dispatch')");
                SQLException denied = assertThrows(SQLException.class,
                        () -> query(dispatch, "select count(*) from eta.forecast"));
                assertEquals("42501", denied.getSQLState(), denied.getMessage());
            }
            SQLException oldPassword = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, "postgres", "postgres").close());
            assertEquals("28P01", oldPassword.getSQLState(), oldPassword.getMessage());
            try (Connection superuser = DriverManager.getConnection(url, env.get(RuntimeEnv.PG_USER),
                    env.get(RuntimeEnv.PG_PASSWORD))) {
                assertEquals("2", query(superuser, "select count(*) from dispatch.appointment"));
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    home.secrets().resolve(LocalRuntime.SUPERUSER_PASSWORD_FILE))));
            assertEquals(32, env.get(RuntimeEnv.TRACKING_SECRET).length());
            assertEquals(32, env.get(RuntimeEnv.PORTAL_LINK_SECRET).length());
        }
    }
}
