package io.fieldcast.platform.audit;

import io.fieldcast.testing.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log on a real PostgreSQL, migrated by Flyway as a service's role that owns its schema (as
 * {@code ./fieldcast up} sets it up): that role appends, and cannot change or remove a row; nor can the superuser.
 */
class AppendOnlyAuditTest {

    private static final String PERMISSION_DENIED = "42501";
    private static final String ROLE = "audit_svc_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String PASSWORD = "audit-test-password";

    private static SharedPostgres pg;
    private static String jdbcUrl;

    @BeforeAll
    static void migrateAsTheServiceRole() throws SQLException {
        pg = SharedPostgres.get();
        jdbcUrl = pg.jdbcUrl(pg.createDatabase("audit"));
        try (Connection superuser = superuser()) {
            execute(superuser, "create role " + ROLE + " login password '" + PASSWORD + "'");
            execute(superuser, "create schema svc authorization " + ROLE);
        }
        Flyway.configure().dataSource(jdbcUrl, ROLE, PASSWORD).schemas("svc").locations("classpath:db/platform")
                .load().migrate();
        try (Connection service = service()) {
            execute(service, "insert into audit_log (entity_type, entity_id, action, actor, at) "
                    + "values ('appointment', 'a-1', 'BOOKED', 'dispatcher', now())");
        }
    }

    @Test
    void theServiceRoleAppendsRows() throws SQLException {
        try (Connection service = service()) {
            execute(service, "insert into audit_log (entity_type, entity_id, action, actor, at) "
                    + "values ('appointment', 'a-2', 'CANCELED', 'dispatcher', now())");

            assertEquals(1, count(service, "select count(*) from audit_log where entity_id = 'a-2'"));
        }
    }

    @Test
    void theServiceRoleCannotUpdateDeleteOrTruncateAuditRows() throws SQLException {
        try (Connection service = service()) {
            for (String change : new String[] {"update audit_log set actor = 'someone else' where entity_id = 'a-1'",
                    "delete from audit_log where entity_id = 'a-1'", "truncate audit_log"}) {
                SQLException e = assertThrows(SQLException.class, () -> execute(service, change));

                assertEquals(PERMISSION_DENIED, e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("permission denied for table audit_log"), e.getMessage());
            }
            assertEquals(1, count(service, "select count(*) from audit_log where entity_id = 'a-1' "
                    + "and actor = 'dispatcher'"));
        }
    }

    @Test
    void anOwnerThatGrantsItselfTheRightsBackIsStillRefusedByTheTrigger() throws SQLException {
        try (Connection service = service()) {
            // The owner may re-grant what was revoked from it; the trigger holds all the same.
            execute(service, "grant update, delete, truncate on audit_log to current_user");
            try {
                SQLException update = assertThrows(SQLException.class,
                        () -> execute(service, "update audit_log set actor = 'x' where entity_id = 'a-1'"));
                SQLException delete = assertThrows(SQLException.class,
                        () -> execute(service, "delete from audit_log where entity_id = 'a-1'"));
                SQLException truncate = assertThrows(SQLException.class, () -> execute(service, "truncate audit_log"));

                assertTrue(update.getMessage().contains("audit_log is append-only: UPDATE is not allowed"),
                        update.getMessage());
                assertTrue(delete.getMessage().contains("audit_log is append-only: DELETE is not allowed"),
                        delete.getMessage());
                assertTrue(truncate.getMessage().contains("audit_log is append-only: TRUNCATE is not allowed"),
                        truncate.getMessage());
                assertEquals(PERMISSION_DENIED, update.getSQLState());
                assertEquals(1, count(service, "select count(*) from audit_log where entity_id = 'a-1'"));
            } finally {
                execute(service, "revoke update, delete, truncate on audit_log from current_user");
            }
        }
    }

    @Test
    void theRoleHoldsNoUpdateOrDeletePrivilegeAndEvenTheSuperuserIsRefused() throws SQLException {
        try (Connection superuser = superuser()) {
            for (String privilege : new String[] {"UPDATE", "DELETE", "TRUNCATE"}) {
                assertEquals(0, count(superuser, "select count(*) where has_table_privilege('" + ROLE
                        + "', 'svc.audit_log', '" + privilege + "')"), privilege);
            }
            assertEquals(1, count(superuser, "select count(*) where has_table_privilege('" + ROLE
                    + "', 'svc.audit_log', 'INSERT')"));

            SQLException e = assertThrows(SQLException.class,
                    () -> execute(superuser, "delete from svc.audit_log"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
    }

    private static Connection service() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, ROLE, PASSWORD);
        execute(connection, "set search_path = svc");
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
