package io.fieldcast.mobile.visit;

import io.fieldcast.events.Events;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.mobile.route.RouteStore;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.mobile.route.Times.instant;
import static io.fieldcast.mobile.route.Times.utc;

/**
 * Applies a status tap: one transaction locks the visit's row, checks the transition, records the change under
 * the phone's client id and appends {@link VisitStatusChanged} to the outbox, so the event is published exactly
 * when the change is stored — also when Kafka is down at that moment.
 */
@ApplicationScoped
public class VisitStatusService {

    private final RouteStore routes;
    private final Outbox outbox;
    private final Clock clock;

    public VisitStatusService(RouteStore routes, Outbox outbox, Clock clock) {
        this.routes = routes;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<StatusAnswer> change(String technicianId, UUID appointmentId, StatusRequest request) {
        Instant receivedAt = clock.instant();
        return OnceOnRoute.apply(routes, technicianId, appointmentId,
                () -> findAnswer(technicianId, request, appointmentId),
                () -> lockState(technicianId, appointmentId, receivedAt),
                current -> apply(technicianId, appointmentId, request, current, receivedAt));
    }

    private Uni<StatusAnswer> apply(String technicianId, UUID appointmentId, StatusRequest request, String current,
                                    Instant receivedAt) {
        if (RouteStore.CANCELED.equals(current)) {
            throw ApiException.conflict("appointment " + appointmentId + " was canceled; it is no longer on your route",
                    Map.of("current", current, "allowed", List.of()));
        }
        if (!VisitTransitions.allowed(current, request.status())) {
            List<VisitStatus> allowed = VisitTransitions.allowedFrom(current);
            throw ApiException.conflict("visit is " + current + "; cannot change to " + request.status()
                    + (allowed.isEmpty() ? " (it is final)" : "; allowed: " + allowed),
                    Map.of("current", current, "allowed", allowed));
        }
        var event = new VisitStatusChanged(Events.newId(), receivedAt, VisitStatusChanged.SCHEMA_VERSION,
                technicianId, appointmentId, request.status(), request.reasonCode(), request.note(),
                request.deviceTime(), receivedAt, request.clientId());
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update visit_state set status = :status, technician_id = :tech, updated_at = :at
                        where appointment_id = :appointment""")
                        .setParameter("status", request.status().name())
                        .setParameter("tech", technicianId)
                        .setParameter("at", utc(receivedAt))
                        .setParameter("appointment", appointmentId)
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery("""
                                insert into visit_status_change (technician_id, client_id, appointment_id,
                                    previous_status, status, reason_code, note, device_time, received_at, event_id)
                                values (:tech, :client, :appointment, :previous, :status, :reason, :note,
                                    :device, :received, :event)""")
                                .setParameter("tech", technicianId)
                                .setParameter("client", request.clientId())
                                .setParameter("appointment", appointmentId)
                                .setParameter("previous", current)
                                .setParameter("status", request.status().name())
                                .setParameter("reason", request.reasonCode())
                                .setParameter("note", request.note())
                                .setParameter("device", utc(request.deviceTime()))
                                .setParameter("received", utc(receivedAt))
                                .setParameter("event", event.eventId())
                                .executeUpdate()))
                .chain(() -> outbox.append(event))
                .map(done -> new StatusAnswer(appointmentId, current, request.status(), request.reasonCode(),
                        request.clientId(), request.deviceTime(), receivedAt, event.eventId(),
                        VisitTransitions.allowedFrom(request.status().name())));
    }

    /** Creates the PLANNED row on first use and locks it; returns the current status. */
    private Uni<String> lockState(String technicianId, UUID appointmentId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into visit_state (appointment_id, technician_id, status, updated_at)
                        values (:appointment, :tech, :status, :at) on conflict do nothing""")
                .setParameter("appointment", appointmentId)
                .setParameter("tech", technicianId)
                .setParameter("status", VisitTransitions.PLANNED)
                .setParameter("at", utc(now))
                .executeUpdate()
                .chain(() -> s.createNativeQuery(
                                "select status from visit_state where appointment_id = :appointment for update",
                                String.class)
                        .setParameter("appointment", appointmentId)
                        .getSingleResult()));
    }

    /** The stored answer for this client id, or null; 409 when the id was used for a different tap. */
    private Uni<StatusAnswer> findAnswer(String technicianId, StatusRequest request, UUID appointmentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select appointment_id, previous_status, status, reason_code, device_time, received_at, event_id
                        from visit_status_change where technician_id = :tech and client_id = :client""",
                        Object[].class)
                .setParameter("tech", technicianId)
                .setParameter("client", request.clientId())
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.getFirst();
                    VisitStatus status = VisitStatus.valueOf((String) row[2]);
                    if (!appointmentId.equals(row[0]) || status != request.status()) {
                        throw ApiException.conflict("clientId " + request.clientId()
                                + " was already used for another status change", Map.of("clientId",
                                request.clientId()));
                    }
                    return new StatusAnswer((UUID) row[0], (String) row[1], status, (String) row[3],
                            request.clientId(), instant(row[4]), instant(row[5]), (UUID) row[6],
                            VisitTransitions.allowedFrom(status.name()));
                });
    }
}
