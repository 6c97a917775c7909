package io.fieldcast.notify.tracking;

import io.fieldcast.notify.templates.MessageRenderer;
import io.fieldcast.roadnetwork.GeoPoint;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Builds a {@link TrackingState} for one appointment (the reactive pool works from any thread, SSE ticks too). */
@ApplicationScoped
public class TrackingService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final MessageRenderer RENDERER = new MessageRenderer();

    /** Ten metres or so: enough to draw the home, no more precise than the street. */
    private static final double HOME_DEGREES = 1e-4;
    private static final int MAX_CACHED_WAYS = 2_000;

    private final Pool pool;
    private final TechPositions positions;
    private final TrackingRoads roads;
    /** The van's way to a home, per appointment and position: pages ask every two seconds, the van moves less often. */
    private final Map<Way, List<GeoPoint>> ways = new ConcurrentHashMap<>();

    public TrackingService(Pool pool, TechPositions positions, TrackingRoads roads) {
        this.pool = pool;
        this.positions = positions;
        this.roads = roads;
    }

    private record Way(UUID appointment, double lat, double lon, double homeLat, double homeLon) {
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
                               technician_id, technician_first_name, told_cause, told_probability, manage_url,
                               home_lat, home_lon
                        from appointment_contact where appointment_id = $1""")
                .execute(Tuple.of(appointmentId))
                // The van's way along the roads may walk the graph: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(rows -> rows.size() == 0 ? null : toState(appointmentId, rows.iterator().next(), language));
    }

    private TrackingState toState(UUID appointment, Row r, String asked) {
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
        Double homeLat = rounded(r.getDouble("home_lat"));
        Double homeLon = rounded(r.getDouble("home_lon"));
        List<GeoPoint> way = lat == null || homeLat == null ? null
                : way(new Way(appointment, lat, lon, r.getDouble("home_lat"), r.getDouble("home_lon")));
        List<double[]> approach = lat == null || homeLat == null ? null : way == null
                ? List.of(new double[]{lon, lat}, new double[]{homeLon, homeLat})
                : way.stream().map(p -> new double[]{micro(p.lon()), micro(p.lat())}).toList();
        return new TrackingState(stage, DateTimeFormatter.ofPattern("EEEE d MMMM", locale).format(start.atZone(zone)),
                TIME.format(start.atZone(zone)), TIME.format(end.atZone(zone)), r.getString("technician_first_name"),
                lat, lon, at, RENDERER.why(r.getString("told_cause"), r.getDouble("told_probability"), language),
                r.getString("manage_url"), language, homeLat, homeLon, approach, approach != null && way == null);
    }

    /** The van's way to the home along the roads, ending at the rounded home; null without a road network. */
    private List<GeoPoint> way(Way key) {
        if (!roads.available()) {
            return null;
        }
        if (ways.size() > MAX_CACHED_WAYS) {
            ways.clear();
        }
        return ways.computeIfAbsent(key, k -> roads.drive(List.of(new GeoPoint(k.lat(), k.lon()),
                new GeoPoint(rounded(k.homeLat()), rounded(k.homeLon())))));
    }

    private static Double rounded(Double degrees) {
        return degrees == null ? null : Math.round(degrees / HOME_DEGREES) / (1 / HOME_DEGREES);
    }

    private static double micro(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }
}
