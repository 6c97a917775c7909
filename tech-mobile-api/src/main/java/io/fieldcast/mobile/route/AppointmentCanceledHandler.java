package io.fieldcast.mobile.route;

import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * A canceled appointment leaves the technician's phone at once: a re-planned route may follow (or not, when
 * dispatch does not re-plan that day), and until then the stored route must not send anyone to the door.
 */
@ApplicationScoped
public class AppointmentCanceledHandler implements EventHandler {

    private final RouteStore routes;

    public AppointmentCanceledHandler(RouteStore routes) {
        this.routes = routes;
    }

    @Override
    public String consumerGroup() {
        return "mobile.appointments";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS);
    }

    /** Cancellations only: bookings and reschedules pass without a transaction. */
    @Override
    public boolean wants(FieldcastEvent event) {
        return event instanceof AppointmentCanceled canceled && canceled.appointmentId() != null;
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof AppointmentCanceled canceled) || canceled.appointmentId() == null) {
            return Uni.createFrom().voidItem();
        }
        return routes.cancel(canceled.appointmentId(), canceled.occurredAt());
    }
}
