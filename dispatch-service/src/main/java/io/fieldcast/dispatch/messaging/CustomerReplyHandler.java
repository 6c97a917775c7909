package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.audit.AuditLog;
import io.fieldcast.dispatch.booking.AppointmentEvents;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.events.CustomerReplied;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.fieldcast.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Customer replies: CANCEL cancels (and tells everyone), CONFIRM and RESCHEDULE are recorded for the
 * dispatcher (a reschedule needs a person to agree a new window with the customer).
 */
@ApplicationScoped
public class CustomerReplyHandler implements EventHandler {

    private final AuditLog audit;
    private final Outbox outbox;

    public CustomerReplyHandler(AuditLog audit, Outbox outbox) {
        this.audit = audit;
        this.outbox = outbox;
    }

    @Override
    public String consumerGroup() {
        return "dispatch.customer-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CUSTOMER_REPLIES);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof CustomerReplied reply)) {
            return Uni.createFrom().voidItem();
        }
        return Appointment.<Appointment>findById(reply.appointmentId()).chain(a -> {
            if (a == null) {
                return Uni.createFrom().voidItem();
            }
            String actor = "customer:" + reply.channel();
            return switch (reply.reply()) {
                case CANCEL -> cancel(a, reply, actor);
                case CONFIRM, RESCHEDULE -> audit.record("appointment", a.id.toString(), "CUSTOMER_" + reply.reply(),
                        actor, reply.text(), null, null);
                default -> Uni.createFrom().voidItem();
            };
        });
    }

    private Uni<Void> cancel(Appointment a, CustomerReplied reply, String actor) {
        if (!a.status.changeable()) {
            return audit.record("appointment", a.id.toString(), "CUSTOMER_CANCEL_REFUSED", actor,
                    "appointment is " + a.status, null, null);
        }
        String before = a.status.name();
        a.status = AppointmentStatus.CANCELED;
        a.technicianId = null;
        a.routeSeq = null;
        a.plannedArrival = null;
        a.updatedAt = reply.occurredAt();
        return outbox.append(AppointmentEvents.canceled(a, "customer", reply.text(), reply.occurredAt()))
                .chain(() -> audit.record("appointment", a.id.toString(), "CANCELED", actor, reply.text(), before,
                        AppointmentStatus.CANCELED.name()));
    }
}
