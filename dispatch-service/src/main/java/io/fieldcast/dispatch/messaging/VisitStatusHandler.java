package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Keeps appointment status current from the technicians' taps. */
@ApplicationScoped
public class VisitStatusHandler implements EventHandler {

    private final AuditLog audit;
    private final Replanner replanner;

    public VisitStatusHandler(AuditLog audit, Replanner replanner) {
        this.audit = audit;
        this.replanner = replanner;
    }

    /**
     * Why this tap makes the rest of the day worth re-planning, or null. Only a job that cannot be completed: a
     * technician running late re-plans only when a customer's told window is at risk, which eta-service's forecast
     * says ({@link ArrivalForecastHandler}); re-planning on every late tap re-sent routes all day and broke the
     * windows customers had been told.
     */
    private static String replanReason(Appointment a, AppointmentStatus next) {
        return next == AppointmentStatus.CANNOT_COMPLETE ? "visit " + a.id + " cannot be completed" : null;
    }

    @Override
    public String consumerGroup() {
        return "dispatch.visit-status";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.VISIT_STATUS);
    }

    /** A re-plan this tap asked for is claimable now that it committed: start it without waiting for the poll. */
    @Override
    public void afterCommit(FieldcastEvent event) {
        if (event instanceof VisitStatusChanged changed && changed.status() == VisitStatus.CANNOT_COMPLETE) {
            replanner.wake();
        }
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
            if (a.technicianId == null || !a.technicianId.equals(changed.technicianId())) {
                // Only the assignee's taps count (a stale phone after a re-plan moved the visit, a wrong device).
                return audit.record("appointment", a.id.toString(), "STATUS_IGNORED", "technician:"
                        + changed.technicianId(), "not the assigned technician (" + a.technicianId + ")",
                        a.status.name(), next.name());
            }
            String before = a.status.name();
            a.status = next;
            a.updatedAt = changed.occurredAt();
            if (next == AppointmentStatus.ON_SITE) {
                a.actualArrival = changed.occurredAt();
            } else if (next == AppointmentStatus.COMPLETED || next == AppointmentStatus.CANNOT_COMPLETE) {
                a.actualDeparture = changed.occurredAt();
            }
            if (next == AppointmentStatus.CANNOT_COMPLETE) {
                a.notDoneReason = changed.reasonCode();
            }
            String why = replanReason(a, next);
            // Asked in this transaction: a re-plan that read the day before this tap committed would not see it.
            Uni<Void> replan = why == null ? Uni.createFrom().voidItem()
                    : replanner.onChangeInTransaction(a.territoryId, a.serviceDate, why);
            return replan.chain(() -> audit.record("appointment", a.id.toString(), "STATUS_" + next, "technician:"
                    + changed.technicianId(), changed.reasonCode(), before, next.name()));
        });
    }
}
