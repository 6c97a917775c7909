package io.fieldcast.mobile.route;

import io.fieldcast.events.EventCodec;
import io.fieldcast.events.RoutePlanned;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The route read model: per technician and date, the highest plan version received. Call inside a session. */
@ApplicationScoped
public class RouteStore {

    /** The status of a visit whose appointment was canceled; not a tap, so not a {@code VisitStatus}. */
    public static final String CANCELED = "CANCELED";

    /**
     * Keeps {@code route} unless a plan of the same or a higher version is already stored, so a late or
     * redelivered older plan never overwrites a newer one. Returns whether it was stored.
     */
    public Uni<Boolean> apply(RoutePlanned route, Instant receivedAt) {
        // Parameters go through "as text": the reactive driver would bind a String for a jsonb as a JSON string.
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into route_plan (technician_id, route_date, plan_version, payload, visits,
                                                received_at)
                        values (:tech, :date, :version, :payload,
                                cast(cast(:payload as text) as jsonb) -> 'visits', :at)
                        on conflict (technician_id, route_date) do update
                            set plan_version = excluded.plan_version, payload = excluded.payload,
                                visits = excluded.visits, received_at = excluded.received_at
                            where route_plan.plan_version < excluded.plan_version""")
                .setParameter("tech", route.technicianId())
                .setParameter("date", route.date())
                .setParameter("version", route.planVersion())
                .setParameter("payload", EventCodec.encodeToString(route))
                .setParameter("at", receivedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate()).map(rows -> rows > 0);
    }

    /** The technician's latest plan for that date, or null. */
    public Uni<RoutePlanned> find(String technicianId, LocalDate date) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select payload from route_plan where technician_id = :tech and route_date = :date",
                        String.class)
                .setParameter("tech", technicianId)
                .setParameter("date", date)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : (RoutePlanned) EventCodec.decode(rows.getFirst()));
    }

    /** The technician's latest plans for the dates {@code from} to {@code to} (both included), by date. */
    public Uni<List<RoutePlanned>> between(String technicianId, LocalDate from, LocalDate to) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select payload from route_plan where technician_id = :tech and route_date between :from and :to
                        order by route_date""", String.class)
                .setParameter("tech", technicianId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList())
                .map(rows -> rows.stream().map(p -> (RoutePlanned) EventCodec.decode(p)).toList());
    }

    /** Whether the appointment is a visit of one of the technician's latest plans (any date). */
    public Uni<Boolean> isOnRoute(String technicianId, UUID appointmentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(*) from route_plan where technician_id = :tech
                          and visits @> cast(cast(:visit as text) as jsonb)""", Long.class)
                .setParameter("tech", technicianId)
                .setParameter("visit", "[{\"appointmentId\":\"" + appointmentId + "\"}]")
                .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * Marks the visit CANCELED (a final state: no tap changes it any more). The row names the technician whose
     * route lists it, or none yet when the route has not arrived.
     */
    public Uni<Void> cancel(UUID appointmentId, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into visit_state (appointment_id, technician_id, status, updated_at)
                        values (:appointment, coalesce((select technician_id from route_plan
                                where visits @> cast(cast(:visit as text) as jsonb) limit 1), ''), :status, :at)
                        on conflict (appointment_id) do update
                            set status = excluded.status, updated_at = excluded.updated_at""")
                .setParameter("appointment", appointmentId)
                .setParameter("visit", "[{\"appointmentId\":\"" + appointmentId + "\"}]")
                .setParameter("status", CANCELED)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** Which of these appointments were canceled. */
    public Uni<Set<UUID>> canceled(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select appointment_id from visit_state where status = :status and appointment_id in (:ids)",
                        UUID.class)
                .setParameter("status", CANCELED)
                .setParameter("ids", List.copyOf(appointmentIds))
                .getResultList())
                .map(Set::copyOf);
    }

    /** Current status of the technician's visits that have one. */
    public Uni<Map<UUID, String>> statuses(String technicianId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select appointment_id, status from visit_state where technician_id = :tech", Object[].class)
                .setParameter("tech", technicianId)
                .getResultList())
                .map(RouteStore::toMap);
    }

    private static Map<UUID, String> toMap(List<Object[]> rows) {
        Map<UUID, String> map = new HashMap<>();
        for (Object[] row : rows) {
            map.put((UUID) row[0], (String) row[1]);
        }
        return map;
    }
}
