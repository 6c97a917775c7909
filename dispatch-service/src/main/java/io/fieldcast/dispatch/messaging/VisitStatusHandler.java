package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.plan.Replanner;
import java.time.Duration;
import java.time.Instant;

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
    private final Replanner replanner;
    private final PlanSettings settings;

    public VisitStatusHandler(AuditLog audit, Replanner replanner, PlanSettings settings) {
        this.audit = audit;
        this.replanner = replanner;
        this.settings = settings;
    }

    /** Why this tap makes the rest of the day worth re-planning, or null. */
    private String replanReason(Appointment a, AppointmentStatus next, VisitStatusChanged changed) {
        if (next == AppointmentStatus.CANNOT_COMPLETE) {
            return "visit " + a.id + " cannot be completed";
        }
        if (a.plannedArrival == null) {
            return null;
        }
        Instant expected = next == AppointmentStatus.ON_SITE ? a.plannedArrival
                : next == AppointmentStatus.COMPLETED ? a.plannedArrival.plusSeconds(60L * a.durationMin) : null;
        if (expected == null) {
            return null;
        }
        Duration late = Duration.between(expected, changed.occurredAt());
        if (late.compareTo(settings.lateThreshold()) < 0) {
            return null;
        }
        return "visit " + a.id + (next == AppointmentStatus.ON_SITE ? " reached " : " finished ")
                + late.toMinutes() + " min later than planned";
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
            String why = replanReason(a, next, changed);
            if (why != null) {
                replanner.onChange(a.territoryId, a.serviceDate, why);
            }
            return audit.record("appointment", a.id.toString(), "STATUS_" + next, "technician:"
                    + changed.technicianId(), changed.reasonCode(), before, next.name());
        });
    }
}
