package io.fieldcast.platform.it;

import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every appointment event it applies; fails on demand to prove retries. */
@ApplicationScoped
public class SeenHandler implements EventHandler {

    private final AtomicInteger failuresToInject = new AtomicInteger();

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

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("injected failure"));
        }
        AppointmentEvent appointmentEvent = (AppointmentEvent) event;
        return Panache.getSession().chain(s -> s
                .createNativeQuery("insert into test_seen (event_id, appointment_id, seen_by) values (:e, :a, :b)")
                .setParameter("e", event.eventId())
                .setParameter("a", appointmentEvent.appointmentId())
                .setParameter("b", consumerGroup())
                .executeUpdate()).replaceWithVoid();
    }
}
