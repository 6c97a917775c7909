package io.fieldcast.mobile.route;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.platform.time.DataTimeRetention;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The window each customer was last texted: the window of the forecast version named by customer-notify's last
 * window text. Call inside a session.
 */
@ApplicationScoped
public class ToldWindows {

    /** A told window. */
    public record Told(Instant start, Instant end) {
    }

    /** Remembers a forecast's window under its version (idempotent: a version's window never changes). */
    public Uni<Void> forecast(ArrivalForecast forecast) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into forecast_window (appointment_id, forecast_version, window_start, window_end)
                        values (:appointment, :version, :start, :end)
                        on conflict do nothing""")
                .setParameter("appointment", forecast.appointmentId())
                .setParameter("version", forecast.forecastVersion())
                .setParameter("start", forecast.windowStart().atOffset(ZoneOffset.UTC))
                .setParameter("end", forecast.windowEnd().atOffset(ZoneOffset.UTC))
                .executeUpdate()).chain(x -> prune(forecast.windowStart()));
    }

    /**
     * Told windows bind on their own date only; a month before the window of the forecast just in they are history
     * (measured on the forecasts' windows, at most hourly).
     */
    private final DataTimeRetention retention = new DataTimeRetention(Duration.ofDays(30), Duration.ofHours(1));

    private Uni<Void> prune(Instant at) {
        return retention.due(at).map(c -> {
            OffsetDateTime cutoff = c.atOffset(ZoneOffset.UTC);
            return Panache.getSession().chain(s -> s
                    .createNativeQuery("delete from forecast_window where window_end < :c")
                    .setParameter("c", cutoff).executeUpdate()
                    .chain(x -> s.createNativeQuery("delete from told_window where told_at < :c")
                            .setParameter("c", cutoff).executeUpdate())).replaceWithVoid();
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The customer was texted forecast {@code sent.forecastVersion()}'s window; a replayed older text never wins. */
    public Uni<Void> told(NotificationSent sent) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into told_window (appointment_id, forecast_version, kind, told_at)
                        values (:appointment, :version, :kind, :at)
                        on conflict (appointment_id) do update
                            set forecast_version = excluded.forecast_version, kind = excluded.kind,
                                told_at = excluded.told_at
                            where told_window.told_at <= excluded.told_at""")
                .setParameter("appointment", sent.appointmentId())
                .setParameter("version", sent.forecastVersion())
                .setParameter("kind", sent.kind())
                .setParameter("at", sent.occurredAt().atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** A new booked window: a window told before {@code at} no longer holds. */
    public Uni<Void> forget(UUID appointmentId, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from told_window where appointment_id = :appointment and told_at <= :at")
                .setParameter("appointment", appointmentId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The told windows of these appointments; an appointment is absent when never told, or when the told version's
     * forecast has not reached this service (yet).
     */
    public Uni<Map<UUID, Told>> of(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select t.appointment_id, f.window_start, f.window_end from told_window t
                        join forecast_window f on f.appointment_id = t.appointment_id
                                              and f.forecast_version = t.forecast_version
                        where t.appointment_id in (:ids)""", Object[].class)
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
