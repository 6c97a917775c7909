package io.fieldcast.eta.history;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.LocationPing;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes pings in batches over JDBC (one round trip per batch, not per ping). The key (technician, device time)
 * makes replays and duplicates no-ops, and device time, not arrival order, places a ping, so late batches from a
 * phone that was offline land where they belong.
 */
@ApplicationScoped
public class PingStore {

    private static final String INSERT = """
            insert into gps_ping (technician_id, client_id, device_time, received_at, lat, lon, accuracy_m,
                                  speed_mps, heading_deg)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";
    private static final String POSITION = """
            insert into technician_position (technician_id, device_time, lat, lon, heard_at) values (?, ?, ?, ?, ?)
            on conflict (technician_id) do update set
                device_time = greatest(technician_position.device_time, excluded.device_time),
                lat = case when technician_position.device_time < excluded.device_time then excluded.lat
                      else technician_position.lat end,
                lon = case when technician_position.device_time < excluded.device_time then excluded.lon
                      else technician_position.lon end,
                heard_at = greatest(technician_position.heard_at, excluded.heard_at)""";

    private final AgroalDataSource dataSource;
    private final PingPartitions partitions = new PingPartitions();
    private final Clock clock;

    public PingStore(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores the batch; returns the newest ping per technician in it. */
    public Map<String, LocationPing> store(List<LocationPing> pings) throws SQLException {
        if (pings.isEmpty()) {
            return Map.of();
        }
        Set<LocalDate> days = pings.stream().map(p -> LocalDate.ofInstant(p.deviceTime(), ZoneOffset.UTC))
                .collect(Collectors.toSet());
        Map<String, LocationPing> newest = new HashMap<>();
        // Heard when received: a replay of fixes an offline phone kept is news now, whatever their device time.
        Map<String, Instant> heard = new HashMap<>();
        for (LocationPing p : pings) {
            newest.merge(p.technicianId(), p, (a, b) -> a.deviceTime().isAfter(b.deviceTime()) ? a : b);
            Instant received = p.receivedAt() != null ? p.receivedAt() : p.occurredAt();
            heard.merge(p.technicianId(), received, (a, b) -> a.isAfter(b) ? a : b);
        }
        try (Connection c = dataSource.getConnection()) {
            partitions.ensure(c, days);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (LocationPing p : pings) {
                    ps.setString(1, p.technicianId());
                    ps.setString(2, p.clientId());
                    ps.setObject(3, p.deviceTime().atOffset(ZoneOffset.UTC));
                    ps.setObject(4, p.receivedAt().atOffset(ZoneOffset.UTC));
                    ps.setDouble(5, p.lat());
                    ps.setDouble(6, p.lon());
                    ps.setFloat(7, (float) p.accuracyMeters());
                    ps.setObject(8, p.speedMps() == null ? null : p.speedMps().floatValue());
                    ps.setObject(9, p.headingDeg() == null ? null : p.headingDeg().floatValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(POSITION)) {
                for (LocationPing p : newest.values().stream()
                        .sorted(Comparator.comparing(LocationPing::technicianId)).toList()) {
                    ps.setString(1, p.technicianId());
                    ps.setObject(2, p.deviceTime().atOffset(ZoneOffset.UTC));
                    ps.setDouble(3, p.lat());
                    ps.setDouble(4, p.lon());
                    ps.setObject(5, heard.get(p.technicianId()).atOffset(ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return newest;
    }

    /** Creates partitions around today and drops those past the retention; returns how many were dropped. */
    public int maintain(int retentionDays) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            partitions.ensure(c, Set.of(today.minusDays(1), today, today.plusDays(1), today.plusDays(2)));
            return partitions.dropBefore(c, today.minusDays(retentionDays));
        }
    }

    /** For tests and operators: which day partitions exist. */
    public List<String> partitionNames() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                     join pg_class p on p.oid = i.inhparent where p.relname = 'gps_ping' order by 1""");
             var rs = q.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
