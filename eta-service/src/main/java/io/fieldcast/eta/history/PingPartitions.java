package io.fieldcast.eta.history;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Day partitions of gps_ping (UTC days), created on demand before a batch lands in them, and dropped whole after the
 * retention period. A day whose pings already sit in the default partition (it existed before its partition) has
 * them moved over while the partition is created, under an advisory lock so two instances never race on the DDL.
 */
public class PingPartitions {

    private static final Logger LOG = Logger.getLogger(PingPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long LOCK_KEY = 0x6574615f70696e67L;

    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    public static String tableOf(LocalDate day) {
        return "gps_ping_" + day.format(SUFFIX);
    }

    /** Makes sure each day has its partition; commits its own transaction. */
    public void ensure(Connection c, Set<LocalDate> days) throws SQLException {
        List<LocalDate> missing = days.stream().filter(d -> !known.contains(d)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            for (LocalDate day : missing) {
                create(c, day);
            }
            c.commit();
            known.addAll(missing);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void create(Connection c, LocalDate day) throws SQLException {
        String table = tableOf(day);
        if (exists(c, table)) {
            return;
        }
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        try (Statement s = c.createStatement()) {
            s.execute("create table " + table + " (like gps_ping including defaults)");
        }
        try (PreparedStatement move = c.prepareStatement("with moved as (delete from gps_ping_default "
                + "where device_time >= ? and device_time < ? returning *) insert into " + table
                + " select * from moved")) {
            move.setObject(1, from);
            move.setObject(2, to);
            int rows = move.executeUpdate();
            if (rows > 0) {
                LOG.infof("moved %d pings of %s out of the default partition", rows, day);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table gps_ping attach partition " + table + " for values from ('" + from + "') to ('"
                    + to + "')");
        }
    }

    /** Drops day partitions (and default-partition rows) older than the retention. */
    public int dropBefore(Connection c, LocalDate oldestKept) throws SQLException {
        List<String> drop = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                join pg_class p on p.oid = i.inhparent
                where p.relname = 'gps_ping' and c.relname ~ '^gps_ping_[0-9]{8}$'""");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                LocalDate day = LocalDate.parse(name.substring("gps_ping_".length()), SUFFIX);
                if (day.isBefore(oldestKept)) {
                    drop.add(name);
                    known.remove(day);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String table : drop) {
                s.execute("drop table " + table);
            }
        }
        try (PreparedStatement old = c.prepareStatement("delete from gps_ping_default where device_time < ?")) {
            old.setObject(1, oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC));
            old.executeUpdate();
        }
        // Once a day's pings are gone nothing mines its visits again: the customers' homes are kept as their area
        // (two decimals, about a kilometre), which is all the report and the training read of them.
        try (PreparedStatement old = c.prepareStatement("""
                update route_visit set lat = round(cast(lat as numeric), 2), lon = round(cast(lon as numeric), 2)
                where day < ?
                  and (lat <> round(cast(lat as numeric), 2) or lon <> round(cast(lon as numeric), 2))""")) {
            old.setObject(1, oldestKept);
            old.executeUpdate();
        }
        // Windows told long ago bind nobody any more; the evaluation keeps its own first windows in forecast.
        try (PreparedStatement old = c.prepareStatement("delete from told_window where told_at < ?")) {
            old.setObject(1, oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC));
            old.executeUpdate();
        }
        return drop.size();
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select to_regclass(?) is not null")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
