package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.Rows;
import io.fieldcast.events.TextedWindow;
import io.fieldcast.platform.kafka.WindowTextHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.UUID;

/**
 * Learns which window each customer was actually told from customer-notify's texts ({@link WindowTextHandler}): the
 * technician's phone, dispatch and the tracking page all go by the text; so does the forecaster: a told window binds
 * the technician, who waits outside for its start. A new text re-forecasts the technician's day. Which text wins is
 * the contract's rule ({@link TextedWindow#replaces}).
 */
@ApplicationScoped
public class ToldWindowHandler extends WindowTextHandler {

    private final DayBook days;
    private final ForecastService forecasts;

    public ToldWindowHandler(DayBook days, ForecastService forecasts) {
        this.days = days;
        this.forecasts = forecasts;
    }

    @Override
    public String consumerGroup() {
        return "eta.told-windows";
    }

    @Override
    protected Uni<Void> apply(TextedWindow next) {
        return Panache.getSession().chain(s -> stored(s, next.appointmentId()).chain(stored -> {
            if (stored != null && !next.replaces(stored)) {
                return Uni.createFrom().item(0);
            }
            return store(s, next);
        })).chain(n -> n == 0 ? Uni.createFrom().voidItem()
                : days.daysOf(next.appointmentId()).chain(forecasts::recomputeAll));
    }

    private static Uni<TextedWindow> stored(Mutiny.Session s, UUID appointment) {
        return s.createNativeQuery("""
                        select version, told_at, window_start, window_end from told_window
                        where appointment_id = :a for update""", Object[].class)
                .setParameter("a", appointment).getResultList()
                .map(rows -> rows.isEmpty() ? null : new TextedWindow(appointment, Rows.instant(rows.getFirst()[2]),
                        Rows.instant(rows.getFirst()[3]), ((Number) rows.getFirst()[0]).intValue(), null,
                        Rows.instant(rows.getFirst()[1])));
    }

    /**
     * Keeps the text with the booked window it was told for (as this service knows it now): a window told for a
     * booked window since rescheduled binds nothing, also before the reschedule confirmation's text is sent.
     */
    private static Uni<Integer> store(Mutiny.Session s, TextedWindow t) {
        return s.createNativeQuery("""
                        insert into told_window (appointment_id, version, told_at, window_start, window_end,
                                                 promised_start)
                        values (:a, :v, :at, :ws, :we, coalesce(
                            (select window_start from appointment where appointment_id = :a),
                            (select window_start from route_visit where appointment_id = :a
                             order by day desc limit 1)))
                        on conflict (appointment_id) do update set version = excluded.version,
                            told_at = excluded.told_at, window_start = excluded.window_start,
                            window_end = excluded.window_end, promised_start = excluded.promised_start""")
                .setParameter("a", t.appointmentId()).setParameter("v", t.forecastVersion())
                .setParameter("at", Rows.utc(t.textedAt()))
                .setParameter("ws", Rows.utc(t.start())).setParameter("we", Rows.utc(t.end()))
                .executeUpdate();
    }
}
