package io.fieldcast.mobile.route;

import io.fieldcast.events.ArrivalForecast;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The window each customer was last told (the latest arrival forecast). Call inside a session. */
@ApplicationScoped
public class ToldWindows {

    /** A told window. */
    public record Told(Instant start, Instant end) {
    }

    /**
     * Keeps the forecast's window unless one of the same or a higher version is stored, so a replayed or late
     * older forecast never replaces a newer one. Returns whether it was stored.
     */
    public Uni<Boolean> apply(ArrivalForecast forecast, Instant receivedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into told_window (appointment_id, technician_id, forecast_version, window_start,
                                                 window_end, received_at)
                        values (:appointment, :tech, :version, :start, :end, :at)
                        on conflict (appointment_id) do update
                            set technician_id = excluded.technician_id,
                                forecast_version = excluded.forecast_version, window_start = excluded.window_start,
                                window_end = excluded.window_end, received_at = excluded.received_at
                            where told_window.forecast_version < excluded.forecast_version""")
                .setParameter("appointment", forecast.appointmentId())
                .setParameter("tech", forecast.technicianId())
                .setParameter("version", forecast.forecastVersion())
                .setParameter("start", forecast.windowStart().atOffset(ZoneOffset.UTC))
                .setParameter("end", forecast.windowEnd().atOffset(ZoneOffset.UTC))
                .setParameter("at", receivedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate()).map(rows -> rows > 0);
    }

    /** The told windows of these appointments; appointments without one are absent. */
    public Uni<Map<UUID, Told>> of(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select appointment_id, window_start, window_end from told_window
                        where appointment_id in (:ids)""", Object[].class)
                .setParameter("ids", List.copyOf(appointmentIds))
                .getResultList())
                .map(ToldWindows::toMap);
    }

    private static Map<UUID, Told> toMap(List<Object[]> rows) {
        Map<UUID, Told> map = new HashMap<>();
        for (Object[] row : rows) {
            map.put((UUID) row[0], new Told(instant(row[1]), instant(row[2])));
        }
        return map;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamptz value " + value.getClass());
        };
    }
}
