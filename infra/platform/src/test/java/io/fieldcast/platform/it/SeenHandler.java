package io.fieldcast.platform.it;

import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.ConnectException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every appointment event it applies; fails on demand to prove retries: a few times, with a failure that
 * passes (a refused connection), or always for appointments it is told to refuse (impossible content); does not want
 * the events it is told to pass over.
 */
@ApplicationScoped
public class SeenHandler implements EventHandler {

    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicInteger outagesToInject = new AtomicInteger();
    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();
    private final Set<UUID> unwanted = ConcurrentHashMap.newKeySet();

    @Override
    public String consumerGroup() {
        return "platform-test.seen";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS);
    }

    public void failNext(int times) {
        failuresToInject.set(times);
    }

    /** The next {@code times} attempts fail as if the database refused the connection. */
    public void failNextTransiently(int times) {
        outagesToInject.set(times);
    }

    public void refuse(UUID appointment) {
        refused.add(appointment);
    }

    public void accept(UUID appointment) {
        refused.remove(appointment);
    }

    /** The event with this id is one the handler does not want. */
    public void passOver(UUID eventId) {
        unwanted.add(eventId);
    }

    @Override
    public boolean wants(FieldcastEvent event) {
        return !unwanted.contains(event.eventId());
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("injected failure"));
        }
        if (outagesToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new ConnectException("Connection refused (injected)"));
        }
        AppointmentEvent appointmentEvent = (AppointmentEvent) event;
        if (refused.contains(appointmentEvent.appointmentId())) {
            return Uni.createFrom().failure(new IllegalArgumentException("impossible content (injected)"));
        }
        return Panache.getSession().chain(s -> s
                .createNativeQuery("insert into test_seen (event_id, appointment_id, seen_by) values (:e, :a, :b)")
                .setParameter("e", event.eventId())
                .setParameter("a", appointmentEvent.appointmentId())
                .setParameter("b", consumerGroup())
                .executeUpdate()).replaceWithVoid();
    }
}
