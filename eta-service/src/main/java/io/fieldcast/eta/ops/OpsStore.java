package io.fieldcast.eta.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the operations read model of a date range, narrowed to some territories (null: every territory). */
@ApplicationScoped
public class OpsStore {

    private static final String APPOINTMENTS = """
            select appointment_id, territory_id, channel, booked_day, booked_at, booked_window_start, service_day,
                window_start, window_end, reschedules, canceled_at, canceled_by, changes_dispatcher,
                changes_customer, changes_system, changes_unknown, coalesce(served_by, planned_technician),
                arrived_at, outcome, outcome_reason, texts_sent, texts_failed, told_start, told_end
            from ops_appointment
            where (service_day between $1 and $2 or booked_day between $1 and $2)
              and ($3::text[] is null or territory_id = any($3))""";
    private static final String TECH_DAYS = """
            select technician_id, day, territory_id, shift_start, shift_end, visits, work_minutes, travel_minutes,
                drive_home_minutes, planned_end, work_by_hour, shift_by_hour, last_finish_at
            from ops_tech_day
            where day between $1 and $2 and plan_version is not null
              and ($3::text[] is null or territory_id = any($3))""";

    private static final String SEARCHES = """
            select territory_id, day, channel, searches, empty
            from ops_slot_search
            where day between $1 and $2 and ($3::text[] is null or territory_id = any($3))""";

    private final Pool pool;

    public OpsStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Facts> load(LocalDate from, LocalDate to, Collection<String> territories) {
        String[] filter = territories == null ? null : territories.toArray(String[]::new);
        Tuple args = Tuple.of(from, to, filter);
        return pool.preparedQuery(APPOINTMENTS).execute(args).map(rows -> {
            List<Facts.Appointment> list = new ArrayList<>();
            rows.forEach(r -> list.add(appointment(r)));
            return list;
        }).chain(appointments -> pool.preparedQuery(TECH_DAYS).execute(args).map(rows -> {
            List<Facts.TechDay> list = new ArrayList<>();
            rows.forEach(r -> list.add(techDay(r)));
            return list;
        }).chain(days -> pool.preparedQuery(SEARCHES).execute(args).map(rows -> {
            List<Facts.Searches> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Facts.Searches(r.getString(0), r.getLocalDate(1), r.getString(2),
                    r.getInteger(3), r.getInteger(4))));
            return new Facts(appointments, days, list);
        })));
    }

    private static Facts.Appointment appointment(Row r) {
        return new Facts.Appointment(r.getUUID(0), r.getString(1), r.getString(2), r.getLocalDate(3), at(r, 4),
                at(r, 5), r.getLocalDate(6), at(r, 7), at(r, 8), r.getInteger(9), at(r, 10), r.getString(11),
                r.getInteger(12), r.getInteger(13), r.getInteger(14), r.getInteger(15), r.getString(16), at(r, 17),
                r.getString(18), r.getString(19), r.getInteger(20), r.getInteger(21), at(r, 22), at(r, 23));
    }

    private static Facts.TechDay techDay(Row r) {
        return new Facts.TechDay(r.getString(0), r.getLocalDate(1), r.getString(2), at(r, 3), at(r, 4),
                r.getInteger(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), at(r, 9), hours(r, 10), hours(r, 11),
                at(r, 12));
    }

    private static Instant at(Row r, int column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static double[] hours(Row r, int column) {
        Double[] values = r.getArrayOfDoubles(column);
        double[] out = new double[RouteFacts.HOURS];
        for (int i = 0; values != null && i < Math.min(values.length, out.length); i++) {
            out[i] = values[i] == null ? 0 : values[i];
        }
        return out;
    }
}
