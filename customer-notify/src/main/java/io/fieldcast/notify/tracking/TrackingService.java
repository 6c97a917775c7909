package io.fieldcast.notify.tracking;

import io.fieldcast.notify.templates.MessageRenderer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** Builds a {@link TrackingState} for one appointment (the reactive pool works from any thread, SSE ticks too). */
@ApplicationScoped
public class TrackingService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final MessageRenderer RENDERER = new MessageRenderer();

    private final Pool pool;
    private final TechPositions positions;

    public TrackingService(Pool pool, TechPositions positions) {
        this.pool = pool;
        this.positions = positions;
    }

    /** The state in the customer's language, or null when notify does not know the appointment. */
    public Uni<TrackingState> state(UUID appointmentId) {
        return state(appointmentId, null);
    }

    /**
     * The state with its date and reason in {@code language} (the page's, e.g. chosen with its switch; null: the
     * customer's), or null when notify does not know the appointment.
     */
    public Uni<TrackingState> state(UUID appointmentId, String language) {
        return pool.preparedQuery("""
                        select time_zone, language, status, visit_status, window_start, window_end, told_start, told_end,
                               technician_id, technician_first_name, told_cause, told_probability, manage_url
                        from appointment_contact where appointment_id = $1""")
                .execute(Tuple.of(appointmentId))
                .map(rows -> rows.size() == 0 ? null : toState(rows.iterator().next(), language));
    }

    private TrackingState toState(Row r, String asked) {
        ZoneId zone = ZoneId.of(r.getString("time_zone"));
        String language = asked != null ? asked : r.getString("language") == null ? "en" : r.getString("language");
        Locale locale = Locale.forLanguageTag(language);
        Instant start = instant(r, r.getOffsetDateTime("told_start") != null ? "told_start" : "window_start");
        Instant end = instant(r, r.getOffsetDateTime("told_end") != null ? "told_end" : "window_end");
        String visit = r.getString("visit_status");
        String stage = "CANCELED".equals(r.getString("status")) ? "CANCELED" : visit == null ? "SCHEDULED" : visit;
        Double lat = null;
        Double lon = null;
        String at = null;
        if ("EN_ROUTE".equals(stage)) {
            var position = positions.of(r.getString("technician_id"));
            if (position.isPresent()) {
                lat = position.get().lat();
                lon = position.get().lon();
                at = TIME.format(position.get().at().atZone(zone));
            }
        }
        return new TrackingState(stage, DateTimeFormatter.ofPattern("EEEE d MMMM", locale).format(start.atZone(zone)),
                TIME.format(start.atZone(zone)), TIME.format(end.atZone(zone)), r.getString("technician_first_name"),
                lat, lon, at, RENDERER.why(r.getString("told_cause"), r.getDouble("told_probability"), language),
                r.getString("manage_url"), language);
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }
}
