package io.fieldcast.mobile.route;

import io.fieldcast.events.TextedWindow;
import io.fieldcast.platform.time.DataTimeRetention;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.mobile.route.Times.instant;
import static io.fieldcast.mobile.route.Times.utc;

/**
 * The window each customer was last texted, as customer-notify's text told it; which text wins is the contract's
 * rule ({@link TextedWindow#replaces}), the same in dispatch and eta-service. Call inside a session.
 */
@ApplicationScoped
public class ToldWindows {

    /** A told window. */
    public record Told(Instant start, Instant end) {
    }

    /**
     * Told windows bind on their own date only; a month before the window just texted they are history (data time,
     * at most hourly).
     */
    private final DataTimeRetention retention = new DataTimeRetention(Duration.ofDays(30), Duration.ofHours(1));

    /** Keeps {@code next} (a window or a void) unless what is stored already replaces it. */
    public Uni<Void> apply(TextedWindow next) {
        return Panache.getSession().chain(s -> stored(s, next.appointmentId()).chain(stored ->
                        stored != null && !next.replaces(stored) ? Uni.createFrom().voidItem() : store(s, next)))
                .chain(() -> prune(next.start() != null ? next.start() : next.textedAt()));
    }

    private static Uni<TextedWindow> stored(Mutiny.Session s, UUID appointment) {
        return s.createNativeQuery("""
                        select forecast_version, kind, told_at, window_start, window_end from told_window
                        where appointment_id = :appointment for update""", Object[].class)
                .setParameter("appointment", appointment)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.getFirst();
                    return new TextedWindow(appointment, instant(r[3]), instant(r[4]), ((Number) r[0]).intValue(),
                            (String) r[1], instant(r[2]));
                });
    }

    private static Uni<Void> store(Mutiny.Session s, TextedWindow t) {
        return s.createNativeQuery("""
                        insert into told_window (appointment_id, forecast_version, kind, told_at, window_start,
                                                 window_end)
                        values (:appointment, :version, :kind, :at, :start, :end)
                        on conflict (appointment_id) do update
                            set forecast_version = excluded.forecast_version, kind = excluded.kind,
                                told_at = excluded.told_at, window_start = excluded.window_start,
                                window_end = excluded.window_end""")
                .setParameter("appointment", t.appointmentId())
                .setParameter("version", t.forecastVersion())
                .setParameter("kind", t.kind())
                .setParameter("at", utc(t.textedAt()))
                .setParameter("start", utc(t.start()))
                .setParameter("end", utc(t.end()))
                .executeUpdate().replaceWithVoid();
    }

    private Uni<Void> prune(Instant at) {
        return retention.due(at).map(c -> Panache.getSession().chain(s -> s
                        .createNativeQuery("delete from told_window where told_at < :c")
                        .setParameter("c", utc(c)).executeUpdate()).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The told windows of these appointments; an appointment is absent when never told, or told a void since. */
    public Uni<Map<UUID, Told>> of(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select appointment_id, window_start, window_end from told_window
                        where appointment_id in (:ids) and window_start is not null""", Object[].class)
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
}
