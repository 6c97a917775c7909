package io.fieldcast.eta.history;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Reads a technician's GPS trace back, in device-time order. */
@ApplicationScoped
public class PingHistory {

    public record StoredPing(String clientId, Instant deviceTime, double lat, double lon, double accuracyMeters,
                             Double speedMps, Double headingDeg) {
    }

    public Uni<List<StoredPing>> trace(String technicianId, Instant from, Instant to, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select client_id, device_time, lat, lon, accuracy_m, speed_mps, heading_deg
                        from gps_ping where technician_id = :tech and device_time >= :from and device_time < :to
                        order by device_time, client_id limit :limit""", Object[].class)
                .setParameter("tech", technicianId)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .setParameter("limit", limit)
                .getResultList()))
                .map(rows -> rows.stream().map(PingHistory::toPing).toList());
    }

    private static StoredPing toPing(Object[] row) {
        return new StoredPing((String) row[0], toInstant(row[1]), ((Number) row[2]).doubleValue(),
                ((Number) row[3]).doubleValue(), ((Number) row[4]).doubleValue(), toDouble(row[5]), toDouble(row[6]));
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case OffsetDateTime odt -> odt.toInstant();
            case Instant instant -> instant;
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }

    private static Double toDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
