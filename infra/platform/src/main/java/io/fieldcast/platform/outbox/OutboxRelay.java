package io.fieldcast.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.EventDecodingException;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent only after the broker acknowledged them.
 * When a send fails, only the acknowledged prefix is marked: the rest (and anything after it) is sent again
 * next round, so per-key order holds and consumers de-duplicate the occasional repeat by event id.
 * A row that can never be published (its payload does not decode, the broker refuses the record as too large) is
 * parked instead ({@code parked_at}, {@code park_reason}; see {@link Unpublishable}) and the rows after it go on;
 * {@link OutboxAdminResource} lists parked rows and puts one back in line once it is fixed. A broker outage is
 * never a reason to park: it is retried with back-off.
 * A PostgreSQL advisory lock on the service's schema makes one instance relay at a time when a service is scaled
 * out (each schema, so each service, has its own relay). Between rounds the relay waits for the notification an
 * insert's commit raises ({@code V0_5__outbox_wakeup.sql}), at most {@code poll-interval}. Once per
 * {@code purge-every}, one instance deletes published rows and processed-event marks past retention.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock's first key ("fiel"); the second is the hash of the connection's schema. */
    private static final int LOCK_CLASS = 0x6669656c;

    private final AgroalDataSource dataSource;
    private final EventPublisher publisher;
    private final OutboxSettings settings;
    private final Clock clock;
    private final ClusterJobs jobs;
    private volatile boolean running;
    private Thread thread;
    private DomainTimer purger;

    public OutboxRelay(AgroalDataSource dataSource, EventPublisher publisher, OutboxSettings settings, Clock clock,
                       ClusterJobs jobs) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.relayEnabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
        purger = DomainTimer.wall("outbox-purge", settings.purgeEvery(), tick -> purgeOncePerCluster());
    }

    private void purgeOncePerCluster() {
        try {
            if (jobs.claimTick("platform.outbox-purge", settings.purgeEvery())) {
                int deleted = purge();
                if (deleted > 0) {
                    LOG.infof("purged %d outbox rows and processed-event marks past %s", deleted,
                            settings.retention());
                }
            }
        } catch (Exception e) {
            LOG.warnf(e, "outbox purge failed; the next one retries");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (purger != null) {
            purger.close();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void loop() {
        long backoff = settings.retryBackoff().toMillis();
        try (OutboxWakeup wakeup = new OutboxWakeup(dataSource)) {
            while (running) {
                try {
                    int published = relayOnce();
                    backoff = settings.retryBackoff().toMillis();
                    if (published < settings.batchSize()) {
                        wakeup.await(settings.pollInterval());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    LOG.warnf("outbox relay round failed (%s), retrying in %d ms", e.getMessage(), backoff);
                    try {
                        TimeUnit.MILLISECONDS.sleep(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
    }

    /** Publishes one batch; returns how many rows were acknowledged and marked. Visible for tests. */
    public int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return 0;
            }
            try {
                return relayBatch(c);
            } finally {
                unlock(c);
            }
        }
    }

    private int relayBatch(Connection c) throws Exception {
        List<Row> rows = pending(c);
        if (rows.isEmpty()) {
            return 0;
        }
        var acks = rows.stream().map(row -> publisher.send(row.event())).toList();
        List<Row> published = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            try {
                acks.get(i).get();
                published.add(row);
            } catch (ExecutionException e) {
                var permanent = Unpublishable.reason(e.getCause());
                if (permanent.isPresent()) {
                    park(c, row.id(), row.event().typeName(), permanent.get());
                    continue;
                }
                markPublished(c, published);
                throw new IllegalStateException("broker did not acknowledge outbox row " + row.id()
                        + " after " + published.size() + " acknowledged: " + e.getCause().getMessage(), e.getCause());
            }
        }
        markPublished(c, published);
        return published.size();
    }

    /** The next rows to send, in id order; a row whose payload does not decode is parked on the way. */
    private List<Row> pending(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, event_type, payload from outbox "
                + "where published_at is null and parked_at is null order by id limit ?")) {
            ps.setInt(1, settings.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    try {
                        rows.add(new Row(id, EventCodec.decode(rs.getString(3))));
                    } catch (EventDecodingException e) {
                        park(c, id, rs.getString(2), "undecodable payload: " + e.getMessage());
                    }
                }
            }
        }
        return rows;
    }

    private void park(Connection c, long id, String type, String reason) throws SQLException {
        LOG.errorf("outbox row %d (%s) can never be published and is parked: %s; the rows after it go on "
                + "(GET /api/admin/outbox/parked, POST /api/admin/outbox/%d/retry once fixed)", id, type, reason, id);
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox set parked_at = ?, park_reason = ? where id = ? and published_at is null")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, reason);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private void markPublished(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox set published_at = ? where id = any (?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("bigint", rows.stream().map(Row::id).toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Deletes published rows past retention (their publication time is data time) and processed-event marks past it
     * (stamped by the database); returns how many rows went.
     */
    public int purge() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement outbox = c.prepareStatement(
                     "delete from outbox where published_at is not null and published_at < ?");
             PreparedStatement marks = c.prepareStatement(
                     "delete from processed_event where processed_at < now() - ?::float8 * interval '1 second'")) {
            outbox.setTimestamp(1, Timestamp.from(clock.instant().minus(settings.retention())));
            marks.setDouble(1, settings.retention().toSeconds());
            return outbox.executeUpdate() + marks.executeUpdate();
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            ps.setInt(1, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?, hashtext(current_schema()))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.execute();
        }
    }

    private record Row(long id, FieldcastEvent event) {
    }
}
