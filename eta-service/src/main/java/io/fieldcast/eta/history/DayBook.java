package io.fieldcast.eta.history;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUpdated;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.fieldcast.eta.history.Rows.utc;

/**
 * The small read model of each technician's day, kept from fieldcast.routes, fieldcast.visit-status and
 * fieldcast.appointments: the route, the promised windows, the taps. All methods run in the caller's transaction.
 */
@ApplicationScoped
public class DayBook {

    /** Local time of the territory: a break is told apart from a morning wait by the hour. */
    private final ZoneId zone;
    /** How long a window published and not texted yet counts as being told (see {@link #told}). */
    private final Duration textInFlight;

    public DayBook(EtaSettings settings) {
        this.zone = settings.zone();
        this.textInFlight = settings.forecast().textInFlight();
    }

    /** A technician's day, the unit forecasts are recomputed for. */
    public record TechDay(String technicianId, LocalDate day) {
    }

    /** Stores a route unless a newer plan version of the same day is already there; true when it replaced. */
    public Uni<Boolean> applyRoute(RoutePlanned r) {
        return session().chain(s -> s.createNativeQuery(
                        "select plan_version from route_day where technician_id = :t and day = :d for update")
                .setParameter("t", r.technicianId()).setParameter("d", r.date())
                .getResultList()
                .chain(rows -> {
                    if (!rows.isEmpty() && ((Number) rows.getFirst()).longValue() >= r.planVersion()) {
                        return Uni.createFrom().item(false);
                    }
                    return upsertRoute(s, r).replaceWith(true);
                }));
    }

    private Uni<Void> upsertRoute(Mutiny.Session s, RoutePlanned r) {
        Uni<Integer> day = s.createNativeQuery("""
                        insert into route_day (technician_id, day, plan_version, territory_id, start_lat, start_lon,
                                               shift_start, shift_end, published_at)
                        values (:t, :d, :v, :territory, :lat, :lon, :ss, :se, :at)
                        on conflict (technician_id, day) do update set plan_version = excluded.plan_version,
                            territory_id = excluded.territory_id, start_lat = excluded.start_lat,
                            start_lon = excluded.start_lon, shift_start = excluded.shift_start,
                            shift_end = excluded.shift_end, published_at = excluded.published_at,
                            replaced_at = excluded.published_at""")
                .setParameter("t", r.technicianId()).setParameter("d", r.date()).setParameter("v", r.planVersion())
                .setParameter("territory", r.territoryId())
                .setParameter("lat", r.start() == null ? 0.0 : r.start().lat())
                .setParameter("lon", r.start() == null ? 0.0 : r.start().lon())
                .setParameter("ss", utc(r.shiftStart())).setParameter("se", utc(r.shiftEnd()))
                .setParameter("at", utc(r.occurredAt()))
                .executeUpdate();
        // A re-plan of the rest of the day lists only what is left; the visits this technician already reached
        // stay (first, in the order they were reached): they are the day's history, for mining and the report.
        List<UUID> planned = r.visits().stream().map(PlannedVisit::appointmentId).toList();
        List<UUID> ids = planned.isEmpty() ? List.of(new UUID(0, 0)) : planned;
        Uni<Integer> chain = day.chain(x -> s.createNativeQuery("""
                        delete from route_visit rv where rv.technician_id = :t and rv.day = :d
                            and (rv.appointment_id in (:ids) or not exists (select 1 from visit_event e
                                 where e.appointment_id = rv.appointment_id and e.status <> 'EN_ROUTE'))""")
                .setParameter("t", r.technicianId()).setParameter("d", r.date()).setParameter("ids", ids)
                .executeUpdate())
                .chain(x -> s.createNativeQuery("""
                        update route_visit rv set seq = k.rn - 1
                        from (select r.appointment_id, row_number() over (order by
                                  (select min(e.device_time) from visit_event e
                                   where e.appointment_id = r.appointment_id and e.status <> 'EN_ROUTE'), r.seq) rn
                              from route_visit r where r.technician_id = :t and r.day = :d) k
                        where rv.technician_id = :t and rv.day = :d and rv.appointment_id = k.appointment_id""")
                        .setParameter("t", r.technicianId()).setParameter("d", r.date()).executeUpdate());
        for (PlannedVisit v : r.visits()) {
            chain = chain.chain(kept -> s.createNativeQuery("""
                            insert into route_visit (technician_id, day, appointment_id, seq, job_type, lat, lon,
                                                     window_start, window_end, planned_arrival, planned_minutes)
                            values (:t, :d, :a, :seq, :job, :lat, :lon, :ws, :we, :pa, :pm)
                            on conflict do nothing""")
                    .setParameter("t", r.technicianId()).setParameter("d", r.date())
                    .setParameter("a", v.appointmentId()).setParameter("seq", kept + v.sequence())
                    .setParameter("job", v.jobType() == null ? "unknown" : v.jobType())
                    .setParameter("lat", v.location().lat()).setParameter("lon", v.location().lon())
                    .setParameter("ws", utc(v.windowStart())).setParameter("we", utc(v.windowEnd()))
                    .setParameter("pa", utc(v.plannedArrival())).setParameter("pm", v.plannedDurationMinutes())
                    .executeUpdate().replaceWith(kept));
        }
        return chain.replaceWithVoid();
    }

    /** Records a tap; returns the day of the route that holds the visit, if any. */
    public Uni<Optional<TechDay>> applyStatus(VisitStatusChanged e) {
        return session().chain(s -> s.createNativeQuery("""
                        insert into visit_event (event_id, technician_id, appointment_id, status, reason_code,
                                                 device_time, received_at)
                        values (:id, :t, :a, :st, :reason, :dt, :rt) on conflict do nothing""")
                .setParameter("id", e.eventId()).setParameter("t", e.technicianId())
                .setParameter("a", e.appointmentId()).setParameter("st", e.status().name())
                .setParameter("reason", e.reasonCode())
                .setParameter("dt", utc(e.deviceTime() != null ? e.deviceTime() : e.occurredAt()))
                .setParameter("rt", utc(e.receivedAt() != null ? e.receivedAt() : e.occurredAt()))
                .executeUpdate()
                .chain(x -> dayOf(e.appointmentId(), e.technicianId())));
    }

    /** The day of {@code technicianId}'s route that holds the visit, if any. */
    private Uni<Optional<TechDay>> dayOf(UUID appointmentId, String technicianId) {
        return daysOf(appointmentId)
                .map(days -> days.stream().filter(d -> d.technicianId().equals(technicianId)).findFirst());
    }

    /**
     * Records the technician's read of the time left of a job; returns the day of the route that holds the visit, if
     * any. A replay (the same event) is recorded once.
     */
    public Uni<Optional<TechDay>> applyTimeLeft(JobTimeLeft e) {
        Instant said = Objects.requireNonNullElse(e.deviceTime(), e.occurredAt());
        Instant received = Objects.requireNonNullElse(e.receivedAt(), e.occurredAt());
        return session().chain(s -> s.createNativeQuery("""
                        insert into job_time_left (event_id, technician_id, appointment_id, minutes_left,
                                                   device_time, received_at)
                        values (:id, :t, :a, :m, :said, :received) on conflict do nothing""")
                .setParameter("id", e.eventId()).setParameter("t", e.technicianId())
                .setParameter("a", e.appointmentId()).setParameter("m", e.minutesLeft())
                .setParameter("said", utc(said)).setParameter("received", utc(received)).executeUpdate()
                .chain(x -> dayOf(e.appointmentId(), e.technicianId())));
    }

    /** Applies an appointment change; returns the technician days whose routes hold it. */
    public Uni<List<TechDay>> applyAppointment(AppointmentEvent event) {
        return session().chain(s -> switch (event) {
            case AppointmentBooked b -> s.createNativeQuery("""
                            insert into appointment (appointment_id, job_type, window_start, window_end, time_zone,
                                                     updated_at)
                            values (:a, :job, :ws, :we, :tz, :at)
                            on conflict (appointment_id) do update set job_type = excluded.job_type,
                                window_start = excluded.window_start, window_end = excluded.window_end,
                                time_zone = excluded.time_zone, updated_at = excluded.updated_at
                            where appointment.updated_at <= excluded.updated_at""")
                    .setParameter("a", b.appointmentId()).setParameter("job", b.jobType())
                    .setParameter("ws", utc(b.windowStart())).setParameter("we", utc(b.windowEnd()))
                    .setParameter("tz", b.timeZone()).setParameter("at", utc(b.occurredAt()))
                    .executeUpdate().replaceWithVoid();
            case AppointmentRescheduled r -> s.createNativeQuery("""
                            insert into appointment (appointment_id, window_start, window_end, updated_at)
                            values (:a, :ws, :we, :at)
                            on conflict (appointment_id) do update set window_start = excluded.window_start,
                                window_end = excluded.window_end, updated_at = excluded.updated_at
                            where appointment.updated_at <= excluded.updated_at""")
                    .setParameter("a", r.appointmentId()).setParameter("ws", utc(r.windowStart()))
                    .setParameter("we", utc(r.windowEnd())).setParameter("at", utc(r.occurredAt()))
                    .executeUpdate()
                    .chain(x -> s.createNativeQuery("""
                                    update route_visit set window_start = :ws, window_end = :we
                                    where appointment_id = :a""")
                            .setParameter("a", r.appointmentId()).setParameter("ws", utc(r.windowStart()))
                            .setParameter("we", utc(r.windowEnd())).executeUpdate())
                    .replaceWithVoid();
            case AppointmentCanceled c -> s.createNativeQuery("""
                            insert into appointment (appointment_id, canceled, updated_at) values (:a, true, :at)
                            on conflict (appointment_id) do update set canceled = true,
                                updated_at = greatest(appointment.updated_at, excluded.updated_at)""")
                    .setParameter("a", c.appointmentId()).setParameter("at", utc(c.occurredAt()))
                    .executeUpdate().replaceWithVoid();
            case AppointmentUpdated u -> s.createNativeQuery(
                            "update route_visit set job_type = :job where appointment_id = :a")
                    .setParameter("a", u.appointmentId()).setParameter("job", u.jobType())
                    .executeUpdate().replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        }).chain(x -> daysOf(event.appointmentId()));
    }

    public Uni<List<TechDay>> daysOf(UUID appointmentId) {
        return session().chain(s -> s.createNativeQuery(
                        "select technician_id, day from route_visit where appointment_id = :a order by day desc",
                        Object[].class)
                .setParameter("a", appointmentId).getResultList())
                .map(rows -> rows.stream().map(r -> new TechDay((String) r[0], Rows.date(r[1]))).toList());
    }

    /** Route days in [from, to), for mining. */
    public Uni<List<TechDay>> daysBetween(LocalDate from, LocalDate to) {
        return session().chain(s -> s.createNativeQuery(
                        "select technician_id, day from route_day where day >= :f and day < :t order by day, 1",
                        Object[].class)
                .setParameter("f", from).setParameter("t", to).getResultList())
                .map(rows -> rows.stream().map(r -> new TechDay((String) r[0], Rows.date(r[1]))).toList());
    }

    /**
     * The day as the forecaster sees it at {@code now} (empty without a route). Locks the route row, so two
     * recomputes of one technician's day run one after the other and never both publish the same version.
     */
    public Uni<Optional<DayState>> load(TechDay td, Instant now) {
        return session().chain(s -> s.createNativeQuery("""
                        select plan_version, start_lat, start_lon, shift_start, replaced_at, shift_end
                        from route_day where technician_id = :t and day = :d for update""", Object[].class)
                .setParameter("t", td.technicianId()).setParameter("d", td.day()).getResultList()
                .chain(route -> {
                    if (route.isEmpty()) {
                        return Uni.createFrom().item(Optional.<DayState>empty());
                    }
                    Object[] r = route.getFirst();
                    // The taps are read once: they give each visit's progress and today's break.
                    return visits(s, td).chain(visits -> taps(s, ids(visits)).chain(taps -> progress(s, visits, taps)
                            .chain(progress -> words(s, ids(visits))
                                    .map(words -> LivedDay.withWords(progress, words, now)))
                            .chain(progress -> phone(s, td, visits).chain(phone -> told(s, visits, now).map(told ->
                                    Optional.of(new DayState(td.technicianId(), td.day(),
                                            ((Number) r[0]).longValue(), Rows.number(r[1]), Rows.number(r[2]),
                                            Rows.instant(r[3]), visits, progress, phone.fix(), now, told,
                                            breakToday(taps, now, zone, visits, told), Rows.instant(r[4]),
                                            phone.heardAt(), phone.lastHeard(), Rows.instant(r[5]))))))));
                }));
    }

    private Uni<List<VisitPlan>> visits(Mutiny.Session s, TechDay td) {
        return s.createNativeQuery("""
                        select v.appointment_id, v.job_type, v.lat, v.lon,
                               coalesce(a.window_start, v.window_start), coalesce(a.window_end, v.window_end),
                               v.planned_arrival, v.planned_minutes
                        from route_visit v left join appointment a on a.appointment_id = v.appointment_id
                        where v.technician_id = :t and v.day = :d order by v.seq""", Object[].class)
                .setParameter("t", td.technicianId()).setParameter("d", td.day()).getResultList()
                .map(rows -> rows.stream().map(r -> new VisitPlan(Rows.uuid(r[0]), (String) r[1],
                        Rows.number(r[2]), Rows.number(r[3]), Rows.instant(r[4]), Rows.instant(r[5]),
                        Rows.instant(r[6]), ((Number) r[7]).intValue())).toList());
    }

    private static List<UUID> ids(List<VisitPlan> visits) {
        return visits.stream().map(VisitPlan::appointmentId).toList();
    }

    /**
     * Today's break from the taps: the first gap of at least {@link BreakRule#MIN_GAP} between a job done
     * (after {@link BreakRule#EARLIEST} local time) and the next tap; still going when nothing followed the
     * job and the gap already lasts that long. The same rule trip mining's break estimate learns from.
     */
    static DayState.Break breakToday(List<Tap> taps, Instant now, ZoneId zone) {
        return breakToday(taps, now, zone, List.of(), Map.of());
    }

    /**
     * {@link #breakToday(List, Instant, ZoneId)}, each gap marked when it may be a wait for a window rather than the
     * break, as trip mining's break estimate tells them apart: the next customer's door was reached from 20 minutes
     * before to 2 minutes after the start of the window that binds there ({@code told}, else the booked one), or that
     * window has not opened yet. With told windows binding, a technician early for the next customer stands outside,
     * and an hour's wait at 11 was taken for the day's break: the real one, after noon, was then left out of every
     * forecast after it (two windows of one demo run broke so). Every gap of the day is kept, in order
     * ({@link DayState.Break#later}); the forecaster knows when each technician usually breaks and picks the first
     * that is the break.
     */
    static DayState.Break breakToday(List<Tap> taps, Instant now, ZoneId zone, List<VisitPlan> visits,
                                     Map<UUID, Instant> told) {
        List<DayState.Break> gaps = new ArrayList<>();
        for (int i = 0; i < taps.size(); i++) {
            Tap t = taps.get(i);
            if (t.status() != VisitStatus.COMPLETED && t.status() != VisitStatus.CANNOT_COMPLETE) {
                continue;
            }
            if (BreakRule.localMinute(t.deviceTime(), zone) < BreakRule.EARLIEST) {
                continue;
            }
            Tap next = null;
            for (int j = i + 1; j < taps.size() && next == null; j++) {
                if (!taps.get(j).appointmentId().equals(t.appointmentId())) {
                    next = taps.get(j);
                }
            }
            Instant until = next == null ? now : next.deviceTime();
            if (Duration.between(t.deviceTime(), until).compareTo(BreakRule.MIN_GAP) >= 0) {
                UUID towards = next != null ? next.appointmentId() : nextOnRoute(visits, taps, t.appointmentId());
                gaps.add(new DayState.Break(t.deviceTime(), next == null ? null : next.deviceTime(),
                        forWindow(towards, taps, now, visits, told), null));
            }
        }
        DayState.Break chain = null;
        for (int i = gaps.size() - 1; i >= 0; i--) {
            DayState.Break g = gaps.get(i);
            chain = new DayState.Break(g.start(), g.end(), g.forWindow(), chain);
        }
        return chain;
    }

    /** The visit after {@code done} on the route that has no tap yet, or null. */
    private static UUID nextOnRoute(List<VisitPlan> visits, List<Tap> taps, UUID done) {
        boolean after = false;
        for (VisitPlan v : visits) {
            if (v.appointmentId().equals(done)) {
                after = true;
            } else if (after && taps.stream().noneMatch(t -> t.appointmentId().equals(v.appointmentId()))) {
                return v.appointmentId();
            }
        }
        return null;
    }

    private static boolean forWindow(UUID visit, List<Tap> taps, Instant now, List<VisitPlan> visits,
                                     Map<UUID, Instant> told) {
        if (visit == null) {
            return false;
        }
        Instant opens = told.get(visit);
        if (opens == null) {
            opens = visits.stream().filter(v -> v.appointmentId().equals(visit)).map(VisitPlan::windowStart)
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        if (opens == null) {
            return false;
        }
        Instant arrived = taps.stream().filter(t -> t.appointmentId().equals(visit)
                && t.status() == VisitStatus.ARRIVED).map(Tap::deviceTime).findFirst().orElse(null);
        return arrived == null ? BreakRule.mayStillWaitFor(opens, now) : BreakRule.waitedForWindow(arrived, opens);
    }

    /**
     * The start of the window each customer was last texted (as the text said, see {@code ToldWindowHandler}),
     * whoever drives there now, or is being texted: a window this service published less than
     * {@code fieldcast.eta.forecast.text-in-flight} ago, newer than the text (its forecast version higher), is on its
     * way to the customer and the technician's phone, and binds as if told. Without it a window moved earlier binds at
     * the older, later one until its text comes back, the forecast's likeliest hour lies there, and the window moves
     * back (at 600x, where a text takes two or three simulated minutes, windows went back and forth). A publication
     * customer-notify does not text (a move it finds immaterial, the daily limit) binds no longer than that. A void
     * binds nothing; a window told for another booked window (the appointment was rescheduled since) no longer binds.
     */
    private Uni<Map<UUID, Instant>> told(Mutiny.Session s, List<VisitPlan> visits, Instant now) {
        if (visits.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // One round trip (this runs on every recompute): the texts first, then the windows on their way over them.
        return s.createNativeQuery("""
                        select t.appointment_id, t.window_start, t.promised_start, 0 as on_its_way from told_window t
                        where t.appointment_id in (:ids) and t.window_start is not null
                        union all
                        select f.appointment_id, f.published_window_start, f.published_promised_start, 1
                        from forecast f left join told_window t on t.appointment_id = f.appointment_id
                        where f.appointment_id in (:ids) and f.published_window_start is not null
                          and f.published_version > coalesce(t.version, 0) and f.published_at >= :since
                          and (t.appointment_id is null or t.window_start is not null
                               or t.told_at < f.published_at)
                        order by on_its_way""", Object[].class)
                .setParameter("ids", ids(visits)).setParameter("since", utc(now.minus(textInFlight)))
                .getResultList()
                .map(rows -> {
                    Map<UUID, Instant> promised = new HashMap<>();
                    visits.forEach(v -> promised.put(v.appointmentId(), v.windowStart()));
                    Map<UUID, Instant> out = new HashMap<>();
                    for (Object[] r : rows) {
                        UUID id = Rows.uuid(r[0]);
                        Instant toldFor = Rows.instant(r[2]);
                        if (toldFor == null || Objects.equals(toldFor, promised.get(id))) {
                            out.put(id, Rows.instant(r[1]));
                        }
                    }
                    return out;
                });
    }

    private Uni<Map<UUID, VisitProgress>> progress(Mutiny.Session s, List<VisitPlan> visits, List<Tap> taps) {
        return canceled(s, visits).map(canceled -> LivedDay.progress(visits, taps, canceled));
    }

    /** Which of these visits' appointments are canceled. */
    private static Uni<Set<UUID>> canceled(Mutiny.Session s, List<VisitPlan> visits) {
        if (visits.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return s.createNativeQuery(
                        "select appointment_id from appointment where canceled and appointment_id in (:ids)")
                .setParameter("ids", ids(visits)).getResultList()
                .map(rows -> rows.stream().map(Rows::uuid).collect(Collectors.toSet()));
    }

    /**
     * Technician days in [from, to) as they were lived: the route each ended with, its taps, its canceled visits
     * (days without a visit are left out).
     */
    public Uni<List<LivedDay>> lived(LocalDate from, LocalDate to) {
        return session().chain(s -> s.createNativeQuery("""
                        select technician_id, day, plan_version, start_lat, start_lon, shift_start from route_day
                        where day >= :f and day < :t order by day, 1""", Object[].class)
                .setParameter("f", from).setParameter("t", to).getResultList()
                .chain(routes -> {
                    Uni<List<LivedDay>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (Object[] r : routes) {
                        TechDay td = new TechDay((String) r[0], Rows.date(r[1]));
                        chain = chain.chain(out -> visits(s, td).chain(visits -> visits.isEmpty()
                                ? Uni.createFrom().item(out)
                                : taps(s, ids(visits)).chain(taps -> canceled(s, visits).chain(canceled ->
                                        words(s, ids(visits)).map(words -> {
                                    out.add(new LivedDay(td.technicianId(), td.day(), ((Number) r[2]).longValue(),
                                            Rows.number(r[3]), Rows.number(r[4]), Rows.instant(r[5]), visits, taps,
                                            canceled, words));
                                    return out;
                                })))));
                    }
                    return chain;
                }));
    }

    /** Every word of the time left said of these visits' jobs, in the order said. */
    private static Uni<List<LivedDay.Word>> words(Mutiny.Session s, List<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return s.createNativeQuery("""
                        select appointment_id, device_time, minutes_left from job_time_left
                        where appointment_id in (:ids) order by device_time""", Object[].class)
                .setParameter("ids", appointmentIds).getResultList()
                .map(rows -> rows.stream().map(r -> new LivedDay.Word(Rows.uuid(r[0]),
                        new VisitProgress.TimeLeft(Rows.instant(r[1]), ((Number) r[2]).intValue()))).toList());
    }

    /** All taps for these visits, in device-time order. */
    public Uni<List<Tap>> taps(Mutiny.Session s, List<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return s.createNativeQuery("""
                        select appointment_id, status, device_time from visit_event
                        where appointment_id in (:ids) order by device_time""", Object[].class)
                .setParameter("ids", appointmentIds).getResultList()
                .map(rows -> {
                    List<Tap> taps = new ArrayList<>();
                    for (Object[] r : rows) {
                        taps.add(new Tap(Rows.uuid(r[0]), VisitStatus.valueOf((String) r[1]), Rows.instant(r[2])));
                    }
                    return taps;
                });
    }

    /**
     * What the technician's phone last said: its newest fix (null: none), when it was last heard (null: never) and
     * which it sent last, a tap or a batch of fixes, with how old it was (null: nothing).
     */
    private record Phone(DayState.Fix fix, Instant heardAt, DayState.LastHeard lastHeard) {
    }

    /**
     * The newest fix, and when anything of the phone last reached the platform: a batch of fixes (whatever their
     * device time) or a tap on a visit of the day, and which came last with how old it was. One row, one round trip.
     */
    private static Uni<Phone> phone(Mutiny.Session s, TechDay td, List<VisitPlan> visits) {
        return s.createNativeQuery("""
                        select p.device_time, p.lat, p.lon, greatest(p.heard_at, last.received_at),
                               last.received_at, extract(epoch from last.received_at - last.device_time),
                               p.heard_at, extract(epoch from p.heard_at - p.device_time)
                        from (select 1) one left join technician_position p on p.technician_id = :t
                        left join lateral (select e.received_at, e.device_time from visit_event e
                                           where e.technician_id = :t and e.appointment_id in (:ids)
                                           order by e.received_at desc limit 1) last on true""",
                        Object[].class)
                .setParameter("t", td.technicianId())
                .setParameter("ids", visits.isEmpty() ? List.of(new UUID(0, 0)) : ids(visits))
                .getResultList()
                .map(rows -> {
                    Object[] r = rows.getFirst();
                    DayState.Fix fix = r[0] == null ? null
                            : new DayState.Fix(Rows.instant(r[0]), Rows.number(r[1]), Rows.number(r[2]));
                    DayState.LastHeard tap = r[4] == null ? null : DayState.LastHeard.tap(Rows.instant(r[4]),
                            Duration.ofMillis(Math.round(Rows.number(r[5]) * 1000)));
                    DayState.LastHeard fixes = r[6] == null ? null : new DayState.LastHeard(Rows.instant(r[6]),
                            Duration.ofMillis(Math.round(Rows.number(r[7]) * 1000)), true);
                    return new Phone(fix, Rows.instant(r[3]), DayState.LastHeard.later(tap, fixes));
                });
    }

    static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
