package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.booking.AppointmentChanges;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.events.CustomerReplied;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.kafka.EventHandler;
import io.fieldcast.platform.rest.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Customer replies: CANCEL cancels exactly as a dispatcher's cancel does (day lock, off the route, everyone told,
 * the day re-planned); CONFIRM and RESCHEDULE are recorded for the dispatcher (a reschedule needs a person to agree
 * a new window with the customer). A redelivered reply is applied once (the consumer de-duplicates on event id).
 */
@ApplicationScoped
public class CustomerReplyHandler implements EventHandler {

    private final AuditLog audit;
    private final AppointmentChanges changes;

    public CustomerReplyHandler(AuditLog audit, AppointmentChanges changes) {
        this.audit = audit;
        this.changes = changes;
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
                        actor, replied(reply), null, null);
                default -> Uni.createFrom().voidItem();
            };
        });
    }

    private Uni<Void> cancel(Appointment a, CustomerReplied reply, String actor) {
        if (!a.status.changeable()) {
            return refused(a, actor, "appointment is " + a.status);
        }
        return changes.cancelWithin(a.territoryId, a.serviceDate, a.id, replied(reply), actor, "customer")
                .replaceWithVoid()
                // Started or canceled between the read above and the day's lock (409), or a day that cannot be
                // loaded: the same answer on every retry, so an audited refusal instead of a consumer stuck retrying.
                .onFailure(ApiException.class)
                .recoverWithUni(e -> refused(a, actor, e.getMessage()));
    }

    /** The reply as the audit and the cancel keep it: its kind, never the customer's own words. */
    private static String replied(CustomerReplied reply) {
        return "customer replied " + reply.reply() + " by " + reply.channel();
    }

    private Uni<Void> refused(Appointment a, String actor, String why) {
        return audit.record("appointment", a.id.toString(), "CUSTOMER_CANCEL_REFUSED", actor, why, null, null);
    }
}
