package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps appointment status current from the technicians' taps. */
@ApplicationScoped
public class VisitStatusHandler implements EventHandler {

    private final AuditLog audit;
    private final Replanner replanner;
    /** Re-plans asked for by taps whose transaction has not committed yet, by event id. */
    private final Map<UUID, ReplanRequest> replanAfterCommit = new ConcurrentHashMap<>();

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

    private record ReplanRequest(String territoryId, LocalDate date, String reason) {
    }

    @Override
    public void afterCommit(FieldcastEvent event) {
        ReplanRequest r = replanAfterCommit.remove(event.eventId());
        if (r != null) {
            replanner.onChange(r.territoryId(), r.date(), r.reason());
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
            String why = replanReason(a, next);
            if (why != null) {
                // Asked after the commit: a re-plan that read the day before it would not see this tap.
                replanAfterCommit.put(changed.eventId(), new ReplanRequest(a.territoryId, a.serviceDate, why));
            }
            return audit.record("appointment", a.id.toString(), "STATUS_" + next, "technician:"
                    + changed.technicianId(), changed.reasonCode(), before, next.name());
        });
    }
}
