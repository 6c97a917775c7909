package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.audit.AuditLog;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Keeps appointment status current from the technicians' taps. */
@ApplicationScoped
public class VisitStatusHandler implements EventHandler {

    private final AuditLog audit;

    public VisitStatusHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public String consumerGroup() {
        return "dispatch.visit-status";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.VISIT_STATUS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof VisitStatusChanged changed)) {
            return Uni.createFrom().voidItem();
        }
        AppointmentStatus next = switch (changed.status()) {
            case EN_ROUTE -> AppointmentStatus.EN_ROUTE;
            case ARRIVED -> AppointmentStatus.ON_SITE;
            case COMPLETED -> AppointmentStatus.COMPLETED;
            case CANNOT_COMPLETE -> AppointmentStatus.CANNOT_COMPLETE;
        };
        return Appointment.<Appointment>findById(changed.appointmentId()).chain(a -> {
            if (a == null || a.status == AppointmentStatus.CANCELED || a.status == next) {
                return Uni.createFrom().voidItem();
            }
            String before = a.status.name();
            a.status = next;
            a.updatedAt = changed.occurredAt();
            return audit.record("appointment", a.id.toString(), "STATUS_" + next, "technician:"
                    + changed.technicianId(), changed.reasonCode(), before, next.name());
        });
    }
}
