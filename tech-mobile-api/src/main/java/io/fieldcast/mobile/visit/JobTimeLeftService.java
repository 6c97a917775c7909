package io.fieldcast.mobile.visit;

import io.fieldcast.events.Events;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.mobile.route.RouteStore;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.mobile.route.Times.instant;
import static io.fieldcast.mobile.route.Times.utc;

/**
 * Records a time-left read: one transaction locks the visit's {@code visit_state} row, checks the visit is on site
 * (ARRIVED), stores the read under the phone's client id and appends {@link JobTimeLeft} to the outbox, so the event
 * is published exactly when the read is stored. Several reads per visit are kept; consumers take the newest by
 * device time.
 */
@ApplicationScoped
public class JobTimeLeftService {

    private final RouteStore routes;
    private final Outbox outbox;
    private final Clock clock;

    public JobTimeLeftService(RouteStore routes, Outbox outbox, Clock clock) {
        this.routes = routes;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<TimeLeftAnswer> tell(String technicianId, UUID appointmentId, TimeLeftRequest request) {
        Instant receivedAt = clock.instant();
        return OnceOnRoute.apply(routes, technicianId, appointmentId,
                () -> findAnswer(technicianId, request, appointmentId), () -> lockStatus(appointmentId),
                current -> store(technicianId, appointmentId, request, current, receivedAt));
    }

    private Uni<TimeLeftAnswer> store(String technicianId, UUID appointmentId, TimeLeftRequest request,
                                      String current, Instant receivedAt) {
        if (!VisitStatus.ARRIVED.name().equals(current)) {
            throw ApiException.conflict("visit is " + current + "; time left is only taken while on site ("
                    + VisitStatus.ARRIVED + ")", Map.of("current", current));
        }
        int minutes = request.minutesLeft();
        var event = new JobTimeLeft(Events.newId(), receivedAt, JobTimeLeft.SCHEMA_VERSION, technicianId,
                appointmentId, minutes, request.deviceTime(), receivedAt, request.clientId());
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into job_time_left (technician_id, client_id, appointment_id, minutes_left,
                            device_time, received_at, event_id)
                        values (:tech, :client, :appointment, :minutes, :device, :received, :event)""")
                        .setParameter("tech", technicianId)
                        .setParameter("client", request.clientId())
                        .setParameter("appointment", appointmentId)
                        .setParameter("minutes", minutes)
                        .setParameter("device", utc(request.deviceTime()))
                        .setParameter("received", utc(receivedAt))
                        .setParameter("event", event.eventId())
                        .executeUpdate())
                .chain(() -> outbox.append(event))
                .map(done -> new TimeLeftAnswer(appointmentId, minutes, request.deviceTime(), receivedAt,
                        event.eventId(), request.clientId()));
    }

    /** Locks the visit's row and returns its status; PLANNED while nobody tapped it yet (no row, nothing to lock). */
    private static Uni<String> lockStatus(UUID appointmentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select status from visit_state where appointment_id = :appointment for update", String.class)
                .setParameter("appointment", appointmentId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? VisitTransitions.PLANNED : rows.getFirst());
    }

    /** The stored answer for this client id, or null; 409 when the id was used for a different read. */
    private static Uni<TimeLeftAnswer> findAnswer(String technicianId, TimeLeftRequest request,
                                                  UUID appointmentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select appointment_id, minutes_left, device_time, received_at, event_id
                        from job_time_left where technician_id = :tech and client_id = :client""", Object[].class)
                .setParameter("tech", technicianId)
                .setParameter("client", request.clientId())
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.getFirst();
                    int minutes = ((Number) row[1]).intValue();
                    if (!appointmentId.equals(row[0]) || minutes != request.minutesLeft()) {
                        throw ApiException.conflict("clientId " + request.clientId()
                                + " was already used for another time-left read", Map.of("clientId",
                                request.clientId()));
                    }
                    return new TimeLeftAnswer((UUID) row[0], minutes, instant(row[2]), instant(row[3]),
                            (UUID) row[4], request.clientId());
                });
    }
}
