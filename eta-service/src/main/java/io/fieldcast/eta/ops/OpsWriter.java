package io.fieldcast.eta.ops;

import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUpdated;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationFailed;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.SlotSearches;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies a batch of events to the read model on one connection of the batch's transaction: one statement per kind
 * of change, executed for all its rows at once. Each statement only touches the columns its event knows, and where a
 * later event must win it says so (plan version, first tap, the texts' own rule), so the order in which the four
 * topics' events arrive does not matter.
 */
final class OpsWriter {

    private static final String CHANGES = "changes_dispatcher, changes_customer, changes_system, changes_unknown";
    private static final String ADD_CHANGES = """
            changes_dispatcher = ops_appointment.changes_dispatcher + excluded.changes_dispatcher,
            changes_customer = ops_appointment.changes_customer + excluded.changes_customer,
            changes_system = ops_appointment.changes_system + excluded.changes_system,
            changes_unknown = ops_appointment.changes_unknown + excluded.changes_unknown""";

    private static final String BOOKED = """
            insert into ops_appointment (appointment_id, territory_id, channel, job_type, booked_at, booked_day,
                booked_window_start, window_start, window_end, window_set_at, service_day)
            values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $5, $9)
            on conflict (appointment_id) do update set territory_id = excluded.territory_id,
                channel = excluded.channel, job_type = excluded.job_type, booked_at = excluded.booked_at,
                booked_day = excluded.booked_day, booked_window_start = excluded.booked_window_start,
                window_start = excluded.window_start, window_end = excluded.window_end,
                window_set_at = excluded.window_set_at, service_day = excluded.service_day""";
    private static final String RESCHEDULED = "insert into ops_appointment (appointment_id, window_start, window_end, "
            + "window_set_at, service_day, reschedules, " + CHANGES + ") values ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9) "
            + """
            on conflict (appointment_id) do update set window_start = excluded.window_start,
                window_end = excluded.window_end, window_set_at = excluded.window_set_at,
                service_day = excluded.service_day, reschedules = ops_appointment.reschedules + 1,
            """ + ADD_CHANGES;
    private static final String UPDATED = "insert into ops_appointment (appointment_id, job_type, " + CHANGES
            + ") values ($1, $2, $3, $4, $5, $6) on conflict (appointment_id) do update set "
            + "job_type = excluded.job_type, " + ADD_CHANGES;
    private static final String CANCELED = "insert into ops_appointment (appointment_id, canceled_at, canceled_by, "
            + CHANGES + ") values ($1, $2, $3, $4, $5, $6, $7) on conflict (appointment_id) do update set "
            + "canceled_at = excluded.canceled_at, canceled_by = excluded.canceled_by, " + ADD_CHANGES;
    /** Slot searches add up per territory, day and channel. */
    private static final String SEARCHES = """
            insert into ops_slot_search (territory_id, day, channel, searches, empty) values ($1, $2, $3, $4, $5)
            on conflict (territory_id, day, channel) do update set
                searches = ops_slot_search.searches + excluded.searches,
                empty = ops_slot_search.empty + excluded.empty""";
    /** The newest route holding a visit names its technician; its window stands in until the booking is known. */
    private static final String PLANNED = """
            insert into ops_appointment (appointment_id, territory_id, planned_technician, planned_at, window_start,
                window_end, service_day)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (appointment_id) do update set planned_technician = excluded.planned_technician,
                planned_at = excluded.planned_at,
                territory_id = coalesce(ops_appointment.territory_id, excluded.territory_id),
                window_start = coalesce(ops_appointment.window_start, excluded.window_start),
                window_end = coalesce(ops_appointment.window_end, excluded.window_end),
                service_day = coalesce(ops_appointment.service_day, excluded.service_day)
            where ops_appointment.planned_at is null or ops_appointment.planned_at <= excluded.planned_at""";
    /** A higher plan version replaces the day's facts; an older one arriving late changes nothing. */
    private static final String TECH_DAY = """
            insert into ops_tech_day (technician_id, day, territory_id, plan_version, route_versions, shift_start,
                shift_end, visits, work_minutes, travel_minutes, travel_km, drive_home_minutes, planned_end,
                work_by_hour, shift_by_hour)
            values ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            on conflict (technician_id, day) do update set territory_id = excluded.territory_id,
                plan_version = excluded.plan_version, route_versions = ops_tech_day.route_versions + 1,
                shift_start = excluded.shift_start, shift_end = excluded.shift_end, visits = excluded.visits,
                work_minutes = excluded.work_minutes, travel_minutes = excluded.travel_minutes,
                travel_km = excluded.travel_km, drive_home_minutes = excluded.drive_home_minutes,
                planned_end = excluded.planned_end, work_by_hour = excluded.work_by_hour,
                shift_by_hour = excluded.shift_by_hour
            where ops_tech_day.plan_version is null or ops_tech_day.plan_version < excluded.plan_version""";
    private static final String ARRIVED = """
            insert into ops_appointment (appointment_id, served_by, arrived_at) values ($1, $2, $3)
            on conflict (appointment_id) do update set served_by = excluded.served_by,
                arrived_at = least(ops_appointment.arrived_at, excluded.arrived_at)""";
    /** The first final tap by device time decides the outcome (an offline replay may bring an earlier one late). */
    private static final String FINISHED = """
            insert into ops_appointment (appointment_id, served_by, outcome, outcome_at, outcome_reason)
            values ($1, $2, $3, $4, $5)
            on conflict (appointment_id) do update set served_by = excluded.served_by,
                outcome = case when ops_appointment.outcome_at is null
                    or excluded.outcome_at < ops_appointment.outcome_at then excluded.outcome
                    else ops_appointment.outcome end,
                outcome_reason = case when ops_appointment.outcome_at is null
                    or excluded.outcome_at < ops_appointment.outcome_at then excluded.outcome_reason
                    else ops_appointment.outcome_reason end,
                outcome_at = least(ops_appointment.outcome_at, excluded.outcome_at)""";
    private static final String LAST_FINISH = """
            insert into ops_tech_day (technician_id, day, last_finish_at) values ($1, $2, $3)
            on conflict (technician_id, day) do update
                set last_finish_at = greatest(ops_tech_day.last_finish_at, excluded.last_finish_at)""";
    private static final String TEXTS = """
            insert into ops_appointment (appointment_id, texts_sent, texts_failed) values ($1, $2, $3)
            on conflict (appointment_id) do update set texts_sent = ops_appointment.texts_sent + excluded.texts_sent,
                texts_failed = ops_appointment.texts_failed + excluded.texts_failed""";

    private final RoadLeg.Timer roads;
    private final ZoneId zone;
    private final ToldWindows told = new ToldWindows();

    OpsWriter(RoadLeg.Timer roads, ZoneId zone) {
        this.roads = roads;
        this.zone = zone;
    }

    /** Applies {@code events} (each seen for the first time) in one go on {@code db}. */
    Uni<Void> apply(SqlConnection db, List<FieldcastEvent> events) {
        Map<String, List<Tuple>> rows = new LinkedHashMap<>();
        Map<UUID, int[]> texts = new LinkedHashMap<>();
        List<NotificationSent> sent = new ArrayList<>();
        for (FieldcastEvent event : events) {
            switch (event) {
                case AppointmentBooked b -> add(rows, BOOKED, Tuple.from(Arrays.asList(b.appointmentId(),
                        b.territoryId(), b.channel(), b.jobType(), utc(b.occurredAt()),
                        day(b.occurredAt()), utc(b.windowStart()), utc(b.windowEnd()), day(b.windowStart()))));
                case AppointmentRescheduled r -> add(rows, RESCHEDULED, changes(Tuple.of(r.appointmentId(),
                        utc(r.windowStart()), utc(r.windowEnd()), utc(r.occurredAt()), day(r.windowStart())),
                        r.changedBy()));
                case AppointmentUpdated u -> add(rows, UPDATED, changes(Tuple.of(u.appointmentId(), u.jobType()),
                        u.changedBy()));
                case AppointmentCanceled c -> add(rows, CANCELED, changes(Tuple.of(c.appointmentId(),
                        utc(c.occurredAt()), c.canceledBy()), c.canceledBy()));
                case RoutePlanned route -> planned(rows, route);
                case VisitStatusChanged tap -> tapped(rows, tap);
                case NotificationSent s -> {
                    texts.computeIfAbsent(s.appointmentId(), k -> new int[2])[0]++;
                    sent.add(s);
                }
                case NotificationFailed f -> texts.computeIfAbsent(f.appointmentId(), k -> new int[2])[1]++;
                case SlotSearches s when s.territoryId() != null && s.day() != null && s.channel() != null ->
                        add(rows, SEARCHES, Tuple.of(s.territoryId(), s.day(), s.channel(), s.searches(), s.empty()));
                default -> {
                    // Forecasts, replies, other kinds on these topics: nothing the page counts.
                }
            }
        }
        texts.entrySet().removeIf(e -> e.getKey() == null);
        texts.forEach((id, n) -> add(rows, TEXTS, Tuple.of(id, n[0], n[1])));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var statement : rows.entrySet()) {
            chain = chain.chain(() -> db.preparedQuery(statement.getKey()).executeBatch(statement.getValue())
                    .replaceWithVoid());
        }
        return chain.chain(() -> told.apply(db, sent));
    }

    private void planned(Map<String, List<Tuple>> rows, RoutePlanned route) {
        if (route.technicianId() == null || route.date() == null) {
            return;
        }
        RouteFacts facts = RouteFacts.of(route, roads, zone);
        add(rows, TECH_DAY, Tuple.from(Arrays.asList(route.technicianId(), route.date(),
                route.territoryId(), route.planVersion(), utc(route.shiftStart()), utc(route.shiftEnd()),
                facts.visits(), facts.workMinutes(), facts.travelMinutes(), facts.travelKm(),
                facts.driveHomeMinutes(), utc(facts.plannedEnd()), boxed(facts.workByHour()),
                boxed(facts.shiftByHour()))));
        for (PlannedVisit v : route.visits()) {
            if (v.appointmentId() != null) {
                add(rows, PLANNED, Tuple.from(Arrays.asList(v.appointmentId(), route.territoryId(),
                        route.technicianId(), utc(route.occurredAt()), utc(v.windowStart()), utc(v.windowEnd()),
                        day(v.windowStart()))));
            }
        }
    }

    private void tapped(Map<String, List<Tuple>> rows, VisitStatusChanged tap) {
        Instant at = tap.deviceTime() != null ? tap.deviceTime() : tap.occurredAt();
        if (tap.appointmentId() == null || at == null) {
            return;
        }
        if (tap.status() == VisitStatus.ARRIVED) {
            add(rows, ARRIVED, Tuple.of(tap.appointmentId(), tap.technicianId(), utc(at)));
        } else if (tap.status() == VisitStatus.COMPLETED || tap.status() == VisitStatus.CANNOT_COMPLETE) {
            add(rows, FINISHED, Tuple.from(Arrays.asList(tap.appointmentId(), tap.technicianId(),
                    tap.status().name(), utc(at), tap.reasonCode())));
            if (tap.technicianId() != null) {
                add(rows, LAST_FINISH, Tuple.of(tap.technicianId(), day(at), utc(at)));
            }
        }
    }

    /** Appends the four who-changed-it counts (one of them 1) to {@code tuple}. */
    private static Tuple changes(Tuple tuple, String by) {
        Function<String, Integer> one = who -> who.equals(by) ? 1 : 0;
        boolean known = AppointmentEvent.BY_DISPATCHER.equals(by) || AppointmentEvent.BY_CUSTOMER.equals(by)
                || AppointmentEvent.BY_SYSTEM.equals(by);
        return tuple.addInteger(one.apply(AppointmentEvent.BY_DISPATCHER))
                .addInteger(one.apply(AppointmentEvent.BY_CUSTOMER))
                .addInteger(one.apply(AppointmentEvent.BY_SYSTEM)).addInteger(known ? 0 : 1);
    }

    private static void add(Map<String, List<Tuple>> rows, String sql, Tuple tuple) {
        rows.computeIfAbsent(sql, k -> new ArrayList<>()).add(tuple);
    }

    private LocalDate day(Instant t) {
        return t == null ? null : t.atZone(zone).toLocalDate();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Double[] boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
