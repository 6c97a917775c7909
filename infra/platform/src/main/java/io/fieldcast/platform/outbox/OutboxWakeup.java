package io.fieldcast.platform.outbox;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The outbox relay's wait between rounds. A connection listens on its schema's outbox channel, which the outbox
 * table's trigger notifies when an insert commits ({@code V0_5__outbox_wakeup.sql}), so a wait ends as soon as a row
 * is there: an event leaves a few milliseconds after its transaction rather than up to a poll interval later. The
 * longest wait still bounds it (a row whose notification was missed); without a listening connection (the database
 * restarting) the wait is a plain sleep, and listening is tried again a few seconds later.
 */
public final class OutboxWakeup implements AutoCloseable {

    /** The channel the outbox table's trigger notifies, followed by the schema's name. */
    public static final String CHANNEL_PREFIX = "fieldcast_outbox_";
    /** How long after a lost listening connection the next one is tried (the relay polls meanwhile). */
    static final Duration REOPEN_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(OutboxWakeup.class);

    private final DataSource dataSource;
    private final Duration reopenAfter;
    private Connection listening;
    private long failedAt;
    private boolean failed;

    public OutboxWakeup(DataSource dataSource) {
        this(dataSource, REOPEN_AFTER);
    }

    OutboxWakeup(DataSource dataSource, Duration reopenAfter) {
        this.dataSource = dataSource;
        this.reopenAfter = reopenAfter;
    }

    /** Waits at most {@code longest}; true when a committed outbox insert ended the wait (or had already come). */
    public boolean await(Duration longest) throws InterruptedException {
        int millis = (int) Math.clamp(longest.toMillis(), 1, Integer.MAX_VALUE);
        PGConnection pg = listener();
        if (pg == null) {
            TimeUnit.MILLISECONDS.sleep(millis);
            return false;
        }
        try {
            PGNotification[] woken = pg.getNotifications(millis);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return woken != null && woken.length > 0;
        } catch (SQLException e) {
            LOG.debugf("outbox wake-up connection lost (%s); polling until it is back", e.getMessage());
            lost();
            TimeUnit.MILLISECONDS.sleep(millis);
            return false;
        }
    }

    /** The listening connection, opened on first use and again a while after one was lost; null meanwhile. */
    private PGConnection listener() {
        if (listening == null) {
            if (failed && System.nanoTime() - failedAt < reopenAfter.toNanos()) {
                return null;
            }
            try {
                listening = listen(dataSource.getConnection());
                failed = false;
            } catch (SQLException e) {
                LOG.debugf("outbox wake-up cannot listen (%s); polling meanwhile", e.getMessage());
                lost();
                return null;
            }
        }
        try {
            return listening.unwrap(PGConnection.class);
        } catch (SQLException e) {
            lost();
            return null;
        }
    }

    private static Connection listen(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            String schema;
            try (ResultSet rs = st.executeQuery("select current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            st.execute("listen \"" + (CHANNEL_PREFIX + schema).replace("\"", "\"\"") + "\"");
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private void lost() {
        close();
        failed = true;
        failedAt = System.nanoTime();
    }

    @Override
    public void close() {
        if (listening != null) {
            // Back in the pool it must not go on listening: nobody would read what it queues.
            try (Statement st = listening.createStatement()) {
                st.execute("unlisten *");
            } catch (SQLException e) {
                LOG.debugf("unlisten on the outbox wake-up connection: %s", e.getMessage());
            }
            try {
                listening.close();
            } catch (SQLException e) {
                LOG.debugf("closing the outbox wake-up connection: %s", e.getMessage());
            }
            listening = null;
        }
    }
}
