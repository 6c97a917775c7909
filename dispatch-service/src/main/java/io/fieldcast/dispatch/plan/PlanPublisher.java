package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.ToldWindows;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.events.AppointmentUnassigned;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes a solved plan the plan of record: writes each appointment's technician, position and planned arrival,
 * records a new plan version, and sends {@code RoutePlanned} per technician through the outbox, all in one
 * transaction under the territory-day lock that booking takes too.
 */
@ApplicationScoped
public class PlanPublisher {

    /** A planned arrival that moves by less than this is not a changed placement (audit). */
    static final Duration MATERIAL_MOVE = Duration.ofMinutes(1);
    /**
     * A re-plan re-sends a route only when its visits or their order change, or the time between its visits changes
     * by this much: every route sent is a new version on the phone and in eta-service's forecasts (whose first
     * windows wait for a route to settle), and neither a few minutes in the optimizer's estimate nor the whole day
     * running late or early is news: the technician already lives that, and the forecasts follow it from the taps.
     */
    static final Duration ROUTE_REPUBLISH_MOVE = Duration.ofMinutes(15);

    private final DayLoader days;
    private final ToldWindows toldWindows;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public PlanPublisher(DayLoader days, ToldWindows toldWindows, Outbox outbox, AuditLog audit, Clock clock) {
        this.days = days;
        this.toldWindows = toldWindows;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public record Result(long version, int routesPublished, int assigned, int unassigned,
                         List<String> changedTechnicians) {
    }

    /** The day gained appointments the solve did not see: publishing would drop them from the plan. */
    public static class OutdatedException extends RuntimeException {
        public final List<UUID> unseen;

        OutdatedException(List<UUID> unseen) {
            this(unseen, unseen.size() + " appointment(s) were booked after this solve started; solve again");
        }

        protected OutdatedException(List<UUID> unseen, String message) {
            super(message);
            this.unseen = unseen;
        }
    }

    /**
     * @param onlyChanged true for a re-plan: send routes only to technicians whose visits or times changed
     */
    public Uni<Result> publish(PlanProblem problem, DispatchPlan solved, String actor, String reason,
                               boolean onlyChanged) {
        String territory = problem.input().territoryId();
        var date = problem.input().date();
        Map<String, List<PlanProblem.Stop>> routes = problem.routes(solved);
        String score = String.valueOf(solved.getScore());
        return Panache.withTransaction(() -> days.lock(territory, date)
                .chain(() -> Appointment.<Appointment>list("territoryId = ?1 and serviceDate = ?2 and status in ?3",
                        territory, date, AppointmentStatus.OPEN))
                .chain(open -> toldWindows.committed(open.stream().map(a -> a.id).toList()).chain(told -> {
                    List<UUID> broken = ToldWhileSolving.moved(problem, routes, open, told);
                    if (!broken.isEmpty()) {
                        return Uni.createFrom().failure(new ToldWhileSolving.Outdated(broken));
                    }
                    return canceledIds(territory, date).chain(canceled ->
                            apply(problem, routes, open, canceled, actor, reason, score, onlyChanged));
                })));
    }


    private Uni<Result> apply(PlanProblem problem, Map<String, List<PlanProblem.Stop>> routes,
                              List<Appointment> open, Set<String> canceled, String actor, String reason,
                              String score, boolean onlyChanged) {
        Map<UUID, Appointment> byId = new HashMap<>();
        open.forEach(a -> byId.put(a.id, a));
        List<UUID> unseen = open.stream().map(a -> a.id)
                .filter(id -> !problem.visits().containsKey(id.toString())).toList();
        if (!unseen.isEmpty()) {
            return Uni.createFrom().failure(new OutdatedException(unseen));
        }
        Set<UUID> placed = new HashSet<>();
        List<Supplier<Uni<Void>>> audits = new ArrayList<>();
        Instant now = clock.instant();
        for (var route : routes.entrySet()) {
            String tech = route.getKey();
            int seq = 0;
            for (PlanProblem.Stop stop : route.getValue()) {
                Appointment a = byId.get(stop.appointmentId());
                if (a == null) {
                    continue; // canceled or finished while solving: simply not in the route any more
                }
                placed.add(a.id);
                boolean moved = !tech.equals(a.technicianId) || !Objects.equals(seq, a.routeSeq)
                        || movedMaterially(a.plannedArrival, stop.plannedArrival());
                if (moved) {
                    var before = placement(a.technicianId, a.routeSeq, a.plannedArrival);
                    var after = placement(tech, seq, stop.plannedArrival());
                    audits.add(() -> audit.record("appointment", a.id.toString(), "PLANNED", actor, reason, before,
                            after));
                }
                a.technicianId = tech;
                a.routeSeq = seq++;
                a.plannedArrival = stop.plannedArrival();
                a.durationMin = stop.durationMinutes();
                if (a.status == AppointmentStatus.BOOKED) {
                    a.status = AppointmentStatus.SCHEDULED;
                }
                a.updatedAt = now;
            }
        }
        int unassigned = 0;
        // Visits of a day under way that a route was sent with and that are on no route now: their customers are told.
        boolean running = problem.input().date().equals(LocalDate.ofInstant(now, problem.input().zone()));
        Map<UUID, String> dropped = new LinkedHashMap<>();
        for (Appointment a : open) {
            if (!placed.contains(a.id)) {
                unassigned++;
                if (a.technicianId != null) {
                    var before = placement(a.technicianId, a.routeSeq, a.plannedArrival);
                    audits.add(() -> audit.record("appointment", a.id.toString(), "UNASSIGNED", actor, reason,
                            before, null));
                    if (running) {
                        dropped.put(a.id, a.technicianId);
                    }
                }
                a.technicianId = null;
                a.routeSeq = null;
                a.plannedArrival = null;
                a.updatedAt = now;
            }
        }
        int assigned = placed.size();
        int unassignedCount = unassigned;
        String territory = problem.input().territoryId();
        var date = problem.input().date();
        // A canceled visit still counts as on the route last sent, so a route that lost it is re-sent.
        Set<String> openIds = new HashSet<>(canceled);
        byId.keySet().forEach(id -> openIds.add(id.toString()));
        // Whose planned arrival is not the phone's timing: a visit under way (its arrival is the real one) and one
        // whose customer was told a window (the phone shows that window; its planned arrival follows it).
        Set<String> timedElsewhere = new HashSet<>();
        problem.visits().forEach((id, in) -> {
            if (in.started() || in.toldStart() != null) {
                timedElsewhere.add(id);
            }
        });
        return nextVersion(problem).chain(version -> customers(open).chain(customers -> sentSignatures(problem)
                .chain(sent -> EmptiedRoutes.of(problem, routes.keySet(), sent, version, now).chain(emptied -> {
                    List<RoutePlanned> events = new ArrayList<>(emptied);
                    Map<String, String> signatures = new HashMap<>();
                    emptied.forEach(e -> signatures.put(e.technicianId(), signature(e)));
                    for (String tech : routes.keySet()) {
                        RoutePlanned event = routePlanned(problem, tech, routes.get(tech), byId, customers, version,
                                now);
                        String signature = signature(event);
                        // A re-plan sends only what differs materially from what the technician already has.
                        if (!onlyChanged || materiallyDifferent(sent.get(tech), signature, ROUTE_REPUBLISH_MOVE,
                                openIds, timedElsewhere)) {
                            events.add(event);
                            signatures.put(tech, signature);
                        }
                    }
                    // One session runs one statement at a time: the audit rows are written in sequence.
                    Uni<Void> written = Uni.createFrom().voidItem();
                    for (var write : audits) {
                        written = written.chain(() -> write.get());
                    }
                    for (var sig : signatures.entrySet()) {
                        written = written.chain(() -> saveSignature(territory, date, sig.getKey(), version,
                                sig.getValue(), now, reason));
                    }
                    List<AppointmentUnassigned> left = new ArrayList<>();
                    dropped.forEach((id, tech) -> left.add(new AppointmentUnassigned(Events.newId(), now,
                            AppointmentUnassigned.SCHEMA_VERSION, id, territory, date, tech, version, reason)));
                    return written
                            .chain(() -> recordVersion(problem, version, actor, reason, score, events.size(), now))
                            .chain(() -> outbox.appendAll(events))
                            .chain(() -> outbox.appendAll(left))
                            .chain(() -> audit.record("plan", territory + "/" + date, "PUBLISHED", actor, reason,
                                    null, Map.of("version", version, "score", score, "routes", events.size(),
                                            "assigned", assigned, "unassigned", unassignedCount)))
                            .map(x -> new Result(version, events.size(), assigned, unassignedCount,
                                    events.stream().map(RoutePlanned::technicianId).toList()));
                }))));
    }

    /** The route as the phone sees it: visits in order with their planned arrival to the minute. */
    static String signature(RoutePlanned route) {
        StringBuilder sb = new StringBuilder();
        for (PlannedVisit v : route.visits()) {
            sb.append(v.appointmentId()).append('@')
                    .append(v.plannedArrival() == null ? "-" : v.plannedArrival().getEpochSecond() / 60).append(';');
        }
        return sb.toString();
    }

    /**
     * Whether a route with signature {@code next} differs materially from the one last sent ({@code sent}, null when
     * nothing was sent): other visits or another order, or a planned arrival moved by at least {@code move} against
     * the first visit still on the route (a shift of the whole rest of the day is drift, not a new plan: in the demo
     * it re-sent most routes at every re-plan of the afternoon). Visits of the sent route done since (not in
     * {@code open}, which holds the canceled ones too) do not count. A visit in {@code timedElsewhere} keeps its
     * place in the order but not in the timing: one under way, whose arrival is the real one (the rest of the day
     * running late behind a long job is drift too: at 24 technicians it was most of what re-plans re-sent), and one
     * whose customer was told a window, which the phone shows instead of the planned arrival and which the planned
     * arrival merely follows (the van may not ring before it). On a 24-technician demo day 25 of the 70 routes sent
     * had the same open visits in the same order as the route before, each a new route version on a phone.
     */
    static boolean materiallyDifferent(String sent, String next, Duration move, Set<String> open) {
        return materiallyDifferent(sent, next, move, open, Set.of());
    }

    static boolean materiallyDifferent(String sent, String next, Duration move, Set<String> open,
                                       Set<String> timedElsewhere) {
        if (sent == null) {
            return true;
        }
        String[] a = Arrays.stream(sent.split(";")).filter(e -> !e.isEmpty())
                .filter(e -> open.contains(e.substring(0, Math.max(0, e.indexOf('@'))))).toArray(String[]::new);
        String[] b = Arrays.stream(next.split(";")).filter(e -> !e.isEmpty()).toArray(String[]::new);
        if (a.length != b.length) {
            return true;
        }
        Long drift = null;
        for (int i = 0; i < a.length; i++) {
            int at = a[i].indexOf('@');
            int bt = b[i].indexOf('@');
            if (at < 0 || bt < 0 || !a[i].substring(0, at).equals(b[i].substring(0, bt))) {
                return !a[i].equals(b[i]);
            }
            if (timedElsewhere.contains(a[i].substring(0, at))) {
                continue;
            }
            String am = a[i].substring(at + 1);
            String bm = b[i].substring(bt + 1);
            if (am.equals("-") || bm.equals("-")) {
                if (!am.equals(bm)) {
                    return true;
                }
                continue;
            }
            long shift = Long.parseLong(bm) - Long.parseLong(am);
            if (drift == null) {
                drift = shift;
            } else if (Math.abs(shift - drift) >= move.toMinutes()) {
                return true;
            }
        }
        return false;
    }

    private static Uni<Map<String, String>> sentSignatures(PlanProblem problem) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select technician_id, signature from published_route where territory_id = :t "
                                + "and service_date = :d", Object[].class)
                .setParameter("t", problem.input().territoryId())
                .setParameter("d", problem.input().date())
                .getResultList()).map(rows -> {
                    Map<String, String> m = new HashMap<>();
                    rows.forEach(r -> m.put((String) r[0], (String) r[1]));
                    return m;
                });
    }

    private static Uni<Void> saveSignature(String territory, LocalDate date, String tech, long version,
                                           String signature, Instant at, String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into published_route (territory_id, service_date, technician_id, version, signature)
                        values (:t, :d, :tech, :v, :sig)
                        on conflict (territory_id, service_date, technician_id)
                        do update set version = excluded.version, signature = excluded.signature""")
                .setParameter("t", territory)
                .setParameter("d", date)
                .setParameter("tech", tech)
                .setParameter("v", version)
                .setParameter("sig", signature)
                .executeUpdate()).chain(x -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into route_publication (territory_id, service_date, technician_id, version,
                                                       published_at, reason)
                        values (:t, :d, :tech, :v, :at, :reason) on conflict do nothing""")
                .setParameter("t", territory)
                .setParameter("d", date)
                .setParameter("tech", tech)
                .setParameter("v", version)
                .setParameter("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter("reason", reason)
                .executeUpdate())).replaceWithVoid();
    }

    /** How many routes each technician was sent for a territory-day (1 = the plan never changed under them). */
    public Uni<Map<String, Integer>> routeVersions(String territoryId, LocalDate date) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "select technician_id, count(*) from route_publication where territory_id = :t "
                                + "and service_date = :d group by technician_id", Object[].class)
                .setParameter("t", territoryId)
                .setParameter("d", date)
                .getResultList())).map(rows -> {
                    Map<String, Integer> m = new TreeMap<>();
                    rows.forEach(r -> m.put((String) r[0], ((Number) r[1]).intValue()));
                    return m;
                });
    }

    private static boolean movedMaterially(Instant before, Instant after) {
        if (before == null || after == null) {
            return before != after;
        }
        return Duration.between(before, after).abs().compareTo(MATERIAL_MOVE) >= 0;
    }

    private static Map<String, Object> placement(String tech, Integer seq, Instant arrival) {
        Map<String, Object> m = new HashMap<>();
        m.put("technicianId", tech);
        m.put("routeSeq", seq);
        m.put("plannedArrival", arrival == null ? null : arrival.toString());
        return m;
    }

    private RoutePlanned routePlanned(PlanProblem problem, String tech, List<PlanProblem.Stop> stops,
                                      Map<UUID, Appointment> byId, Map<UUID, Customer> customers, long version,
                                      Instant now) {
        PlanInput.ShiftInput shift = problem.shifts().get(tech);
        List<PlannedVisit> visits = new ArrayList<>();
        for (PlanProblem.Stop stop : stops) {
            Appointment a = byId.get(stop.appointmentId());
            if (a == null) {
                continue;
            }
            Customer c = customers.get(a.customerId);
            visits.add(new PlannedVisit(a.id, visits.size(), a.jobType, c == null ? null : c.firstName(), a.address,
                    new GeoPosition(a.lat, a.lon), a.notes, a.windowStart, a.windowEnd, a.plannedArrival,
                    a.durationMin, a.pinned, c == null ? null : c.phone));
        }
        GeoPosition home = new GeoPosition(shift.home().lat(), shift.home().lon());
        String first = shift.name() == null ? null : shift.name().strip().split("\\s+")[0];
        return new RoutePlanned(Events.newId(), now, RoutePlanned.SCHEMA_VERSION, tech,
                problem.input().territoryId(), problem.input().date(), version, home, home, shift.start(),
                shift.softEnd(), visits, first);
    }

    private static Uni<Map<UUID, Customer>> customers(List<Appointment> open) {
        List<UUID> ids = open.stream().map(a -> a.customerId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Customer.<Customer>list("id in ?1", ids).map(list -> {
            Map<UUID, Customer> m = new HashMap<>();
            list.forEach(c -> m.put(c.id, c));
            return m;
        });
    }

    private static Uni<Set<String>> canceledIds(String territory, LocalDate date) {
        return Appointment.<Appointment>list("territoryId = ?1 and serviceDate = ?2 and status = ?3", territory, date,
                AppointmentStatus.CANCELED).map(list -> {
                    Set<String> ids = new HashSet<>();
                    list.forEach(a -> ids.add(a.id.toString()));
                    return ids;
                });
    }

    /**
     * The latest published plan version of a territory-day; 0 when nothing was published yet. Read after taking the
     * day's lock, so a re-plan asked for from inside a change's transaction (a cancel) starts after it committed.
     */
    public Uni<Long> publishedVersion(String territoryId, LocalDate date) {
        return Panache.withTransaction(() -> days.lock(territoryId, date).chain(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                        "select coalesce(max(version), 0) from plan_version where territory_id = :t "
                                + "and service_date = :d", Long.class)
                .setParameter("t", territoryId)
                .setParameter("d", date)
                .getSingleResult())));
    }

    private static Uni<Long> nextVersion(PlanProblem problem) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select coalesce(max(version), 0) + 1 from plan_version where territory_id = :t "
                                + "and service_date = :d", Long.class)
                .setParameter("t", problem.input().territoryId())
                .setParameter("d", problem.input().date())
                .getSingleResult());
    }

    private static Uni<Void> recordVersion(PlanProblem problem, long version, String actor, String reason,
                                           String score, int routes, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into plan_version (territory_id, service_date, version, published_at, published_by,
                                                  reason, score, routes_changed)
                        values (:t, :d, :v, :at, :by, :reason, :score, :routes)""")
                .setParameter("t", problem.input().territoryId())
                .setParameter("d", problem.input().date())
                .setParameter("v", version)
                .setParameter("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter("by", actor)
                .setParameter("reason", reason)
                .setParameter("score", score)
                .setParameter("routes", routes)
                .executeUpdate()).replaceWithVoid();
    }
}
