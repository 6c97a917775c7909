package io.fieldcast.mobile.route;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.platform.privacy.Forgetting;
import io.fieldcast.platform.privacy.ForgettingHandler;
import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.platform.privacy.RetentionPass;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The customer data on the technician's phone, erased: when a customer is forgotten ({@link CustomerForgotten},
 * applied once, audited {@code FORGOTTEN}) and past {@code fieldcast.privacy.visit-details} (a {@link RetentionPass}).
 * A stored route keeps its visits, their order, times, job types and states; a visit loses the customer's name,
 * phone, address and notes, its place is kept to two decimals, and tap notes go.
 */
@ApplicationScoped
public class RoutePrivacy implements ForgettingHandler, RetentionPass {

    /** Routes rewritten per transaction by the retention pass. */
    private static final int BATCH = 200;

    private final Forgetting forgetting;

    public RoutePrivacy(Forgetting forgetting) {
        this.forgetting = forgetting;
    }

    @Override
    public String consumerGroup() {
        return "mobile.privacy";
    }

    @Override
    public Forgetting forgetting() {
        return forgetting;
    }

    @Override
    public Uni<Map<String, Integer>> erase(CustomerForgotten forgotten) {
        List<UUID> ids = forgotten.appointmentIds();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<UUID> mine = Set.copyOf(ids);
        Map<String, Integer> erased = new LinkedHashMap<>();
        return Panache.getSession().chain(s -> containing(s, ids)
                .chain(rows -> rewrite(s, rows, v -> mine.contains(v.appointmentId()), null))
                .invoke(n -> erased.put("routes", n))
                .chain(() -> s.createNativeQuery("""
                                update visit_status_change set note = null
                                where appointment_id in (:ids) and note is not null""")
                        .setParameter("ids", ids).executeUpdate())
                .invoke(n -> erased.put("tapNotes", n)))
                .replaceWith(erased);
    }

    @Override
    public String name() {
        return "mobile.routes";
    }

    @Override
    public int run(Instant now, PrivacySettings settings) {
        Instant cutoff = now.minus(settings.visitDetails());
        LocalDate day = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
        int total = Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        update visit_status_change set note = null where received_at < :cutoff and note is not null""")
                .setParameter("cutoff", cutoff.atOffset(ZoneOffset.UTC)).executeUpdate()));
        while (true) {
            int rewritten = Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                            select payload from route_plan where route_date < :day and erased_at is null
                            order by route_date limit :batch""", String.class)
                    .setParameter("day", day).setParameter("batch", BATCH).getResultList()
                    .chain(rows -> rewrite(s, rows, v -> true, now))));
            total += rewritten;
            if (rewritten < BATCH) {
                return total;
            }
        }
    }

    /** The stored routes listing any of {@code ids}, as stored. */
    private static Uni<List<String>> containing(Mutiny.Session s, List<UUID> ids) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("visits @> cast(cast(:v").append(i).append(" as text) as jsonb)");
        }
        var query = s.createNativeQuery("select payload from route_plan where " + where, String.class);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter("v" + i, "[{\"appointmentId\":\"" + ids.get(i) + "\"}]");
        }
        return query.getResultList();
    }

    /**
     * Stores each route again with the visits {@code erase} picks erased; {@code erasedAt} marks the whole route done
     * (retention), or null (a forgotten customer's visits only). Returns the routes rewritten.
     */
    private static Uni<Integer> rewrite(Mutiny.Session s, List<String> payloads, Predicate<PlannedVisit> erase,
                                        Instant erasedAt) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (String payload : payloads) {
            RoutePlanned route = (RoutePlanned) EventCodec.decode(payload);
            RoutePlanned erased = new RoutePlanned(route.eventId(), route.occurredAt(), route.schemaVersion(),
                    route.technicianId(), route.territoryId(), route.date(), route.planVersion(), route.start(),
                    route.end(), route.shiftStart(), route.shiftEnd(),
                    route.visits().stream().map(v -> erase.test(v) ? erased(v) : v).toList(),
                    route.technicianFirstName());
            String json = EventCodec.encodeToString(erased);
            chain = chain.chain(n -> s.createNativeQuery("""
                            update route_plan set payload = :payload,
                                   visits = cast(cast(:payload as text) as jsonb) -> 'visits',
                                   erased_at = coalesce(cast(:at as timestamptz), erased_at)
                            where technician_id = :tech and route_date = :date""")
                    .setParameter("payload", json)
                    .setParameter("at", erasedAt == null ? null : erasedAt.atOffset(ZoneOffset.UTC))
                    .setParameter("tech", route.technicianId())
                    .setParameter("date", route.date())
                    .executeUpdate().map(rows -> n + rows));
        }
        return chain;
    }

    private static PlannedVisit erased(PlannedVisit v) {
        GeoPosition place = v.location() == null ? null
                : new GeoPosition(Forgetting.coarse(v.location().lat()), Forgetting.coarse(v.location().lon()));
        return new PlannedVisit(v.appointmentId(), v.sequence(), v.jobType(), null, Forgetting.ERASED, place, null,
                v.windowStart(), v.windowEnd(), v.plannedArrival(), v.plannedDurationMinutes(), v.pinned(), null);
    }
}
