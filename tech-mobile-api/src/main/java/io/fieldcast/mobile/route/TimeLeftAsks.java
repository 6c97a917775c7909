package io.fieldcast.mobile.route;

import io.fieldcast.events.TimeLeftAsked;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.mobile.route.Times.instant;
import static io.fieldcast.mobile.route.Times.utc;

/**
 * eta-service's questions "how long is left here?" to a technician on site ({@link TimeLeftAsked}), and which of them
 * are still open: a visit's newest ask stays open until a word of the time left for that visit ({@code job_time_left})
 * was said, by the phone's clock, at or after it. Call inside a session.
 */
@ApplicationScoped
public class TimeLeftAsks {

    /** Keeps the ask; the same event again stores nothing. */
    public Uni<Void> store(TimeLeftAsked ask, Instant receivedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into time_left_ask (event_id, technician_id, appointment_id, waiting_appointment_id,
                                                   asked_at, received_at)
                        values (:event, :tech, :appointment, :waiting, :asked, :received)
                        on conflict (event_id) do nothing""")
                .setParameter("event", ask.eventId())
                .setParameter("tech", ask.technicianId())
                .setParameter("appointment", ask.appointmentId())
                .setParameter("waiting", ask.waitingAppointmentId())
                .setParameter("asked", utc(ask.askedAt()))
                .setParameter("received", utc(receivedAt))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * When the technician was last asked about each of these visits, for the asks no word of the time left has answered
     * yet; a visit is absent when never asked or answered since. Asks to another technician are not looked at.
     */
    public Uni<Map<UUID, Instant>> open(String technicianId, Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        with asked as (
                            select appointment_id, max(asked_at) as asked_at from time_left_ask
                            where technician_id = :tech and appointment_id in (:ids)
                            group by appointment_id)
                        select a.appointment_id, a.asked_at from asked a
                        where not exists (select 1 from job_time_left w where w.appointment_id = a.appointment_id
                                            and w.device_time >= a.asked_at)""", Object[].class)
                .setParameter("tech", technicianId)
                .setParameter("ids", List.copyOf(appointmentIds))
                .getResultList())
                .map(TimeLeftAsks::toMap);
    }

    private static Map<UUID, Instant> toMap(List<Object[]> rows) {
        Map<UUID, Instant> map = new HashMap<>();
        for (Object[] row : rows) {
            map.put((UUID) row[0], instant(row[1]));
        }
        return map;
    }
}
