package io.fieldcast.platform.outbox;

import io.fieldcast.testing.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's wake-up on a real PostgreSQL, migrated by Flyway as a service's schema: an outbox insert ends the wait
 * when it commits, a rolled-back one never does, another schema's rows do not, and a listening connection the
 * database dropped is opened again.
 */
class OutboxWakeupTest {

    private static PGSimpleDataSource svc;
    private static PGSimpleDataSource other;

    @BeforeAll
    static void migrateTwoServiceSchemas() {
        SharedPostgres pg = SharedPostgres.get();
        String url = pg.jdbcUrl(pg.createDatabase("wakeup"));
        svc = dataSource(pg, url, "svc");
        other = dataSource(pg, url, "other");
        for (String schema : new String[] {"svc", "other"}) {
            Flyway.configure().dataSource(url, pg.user(), pg.password()).schemas(schema)
                    .locations("classpath:db/platform").load().migrate();
        }
    }

    @Test
    void aCommittedInsertEndsTheWaitAndARolledBackOneDoesNot() throws Exception {
        try (OutboxWakeup wakeup = new OutboxWakeup(svc)) {
            assertFalse(wakeup.await(Duration.ofMillis(1)), "nothing was written yet");

            try (Connection c = svc.getConnection()) {
                c.setAutoCommit(false);
                insertRow(c);
                assertFalse(wakeup.await(Duration.ofMillis(300)), "an insert not yet committed wakes nobody");
                c.rollback();
            }
            assertFalse(wakeup.await(Duration.ofMillis(300)), "a rolled-back insert wakes nobody");

            try (Connection c = svc.getConnection()) {
                c.setAutoCommit(false);
                insertRow(c);
                insertRow(c);
                c.commit();
            }
            assertTrue(wakeup.await(Duration.ofMinutes(1)), "a committed insert wakes the relay");
            assertFalse(wakeup.await(Duration.ofMillis(300)), "once per transaction, however many rows");
        }
    }

    @Test
    void anotherServicesOutboxDoesNotWakeThisOne() throws Exception {
        try (OutboxWakeup wakeup = new OutboxWakeup(svc)) {
            assertFalse(wakeup.await(Duration.ofMillis(1)));
            try (Connection c = other.getConnection()) {
                insertRow(c);
            }
            assertFalse(wakeup.await(Duration.ofMillis(300)), "each schema has its own channel");
        }
    }

    @Test
    void aDroppedListeningConnectionIsOpenedAgain() throws Exception {
        try (OutboxWakeup wakeup = new OutboxWakeup(svc, Duration.ZERO)) {
            assertFalse(wakeup.await(Duration.ofMillis(1)));
            try (Connection admin = svc.getConnection(); Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                         + "where datname = current_database() and pid <> pg_backend_pid() and query like 'listen%'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the listening connection was dropped");
            }
            // The wait on the dropped connection fails quietly and sleeps; the next one listens anew.
            assertFalse(wakeup.await(Duration.ofMillis(50)));
            assertFalse(wakeup.await(Duration.ofMillis(1)));
            try (Connection c = svc.getConnection()) {
                insertRow(c);
            }
            assertTrue(wakeup.await(Duration.ofMinutes(1)), "the new listening connection is woken");
        }
    }

    @Test
    void aConnectionHandedBackToThePoolListensNoMore() throws Exception {
        try (Connection held = svc.getConnection()) {
            // A pool of one: closing hands the same connection back, as a pool does, instead of ending it.
            Connection pooled = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                            : invoke(method, held, args));
            DataSource pool = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> pooled);
            try (OutboxWakeup wakeup = new OutboxWakeup(pool)) {
                assertFalse(wakeup.await(Duration.ofMillis(1)));
                assertEquals(1, channels(held), "it listens on the schema's channel");
            }
            assertEquals(0, channels(held), "back in the pool it no longer queues notifications nobody reads");
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static int channels(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_listening_channels()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insertRow(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("insert into outbox (event_id, topic, msg_key, event_type, payload, occurred_at) values "
                    + "(gen_random_uuid(), 't', 'k', 'X', '{}', now())");
        }
    }

    private static PGSimpleDataSource dataSource(SharedPostgres pg, String url, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(pg.user());
        ds.setPassword(pg.password());
        ds.setCurrentSchema(schema);
        return ds;
    }
}
