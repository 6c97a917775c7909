package io.fieldcast.eta.report;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The rows the report reads, written straight into eta-service's tables for one test day: a visit on a route, the
 * first window told for it, the technician's ARRIVED tap, the arrival mined from the GPS trace.
 */
final class ReportRows {

    private final AgroalDataSource dataSource;
    private final LocalDate day;

    ReportRows(AgroalDataSource dataSource, LocalDate day) {
        this.dataSource = dataSource;
        this.day = day;
    }

    Instant at(String hhmm) {
        return day.atTime(LocalTime.parse(hhmm)).toInstant(ZoneOffset.UTC);
    }

    UUID visit(String tech, int seq) throws Exception {
        UUID id = UUID.randomUUID();
        sql("insert into route_visit (technician_id, day, appointment_id, seq, job_type, lat, lon, planned_minutes) "
                + "values (?, ?, ?, ?, 'repair', 45.5, -122.6, 45)", tech, day, id, seq);
        return id;
    }

    /** The first (and only) 60-minute window told, at {@code sent}, with its probability and median. */
    void firstWindow(UUID id, String tech, Instant sent, Instant start, double p, Instant p50) throws Exception {
        OffsetDateTime end = ts(start.plusSeconds(3600));
        sql("insert into forecast (appointment_id, technician_id, day, p50, window_start, window_end, probability, "
                        + "computed_at, model_version, published_version, first_published_at, first_window_start, "
                        + "first_window_end, first_probability, first_p50, first_model_version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'v-test', 1, ?, ?, ?, ?, ?, 'v-test')",
                id, tech, day, ts(p50), ts(start), end, p, ts(sent), ts(sent), ts(start), end, p, ts(p50));
    }

    void tap(UUID id, String tech, Instant at) throws Exception {
        sql("insert into visit_event (event_id, technician_id, appointment_id, status, device_time, received_at) "
                + "values (?, ?, ?, 'ARRIVED', ?, ?)", UUID.randomUUID(), tech, id, ts(at), ts(at));
    }

    void mined(UUID id, String tech, Instant arrival) throws Exception {
        sql("insert into mined_visit (appointment_id, technician_id, day, arrival, arrival_source, stops, stopped_s, "
                + "driven_m, detour, mined_at) values (?, ?, ?, ?, 'TRACE_TAP_EARLY', 0, 0, 0, false, ?)",
                id, tech, day, ts(arrival), ts(arrival));
    }

    static OffsetDateTime ts(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    void sql(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
