package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.kafka.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps appointment status current from the technicians' taps, and the technician's word of the time left of the job
 * in hand ({@link JobTimeLeft}). Both in one handler, so in one consumer: a word is applied after the "arrived" tap
 * before it on the technician's partition, never before it.
 */
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
        if (event instanceof JobTimeLeft word) {
            return timeLeft(word);
        }
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
            // The word of the time left was about the job in hand: a finished visit has none.
            boolean finished = next == AppointmentStatus.COMPLETED || next == AppointmentStatus.CANNOT_COMPLETE;
            Uni<Void> forget = finished && a.timeLeftSaidAt != null ? forgetTimeLeft(a.id)
                    : Uni.createFrom().voidItem();
            String why = replanReason(a, next);
            // Asked in this transaction: a re-plan that read the day before this tap committed would not see it.
            Uni<Void> replan = why == null ? Uni.createFrom().voidItem()
                    : replanner.onChangeInTransaction(a.territoryId, a.serviceDate, why);
            return forget.chain(() -> replan).chain(() -> audit.record("appointment", a.id.toString(),
                    "STATUS_" + next, "technician:" + changed.technicianId(), changed.reasonCode(), before,
                    next.name()));
        });
    }

    /**
     * Keeps the technician's newest word of the time left of the job in hand on the appointment. Only the assigned
     * technician's word counts (as for taps; another's is ignored and audited {@code TIME_LEFT_IGNORED}), only while
     * the visit is ON_SITE, and only a word said later (by the phone's time) than the one kept: a replay, or a word
     * that arrives after a newer one, changes nothing.
     */
    private Uni<Void> timeLeft(JobTimeLeft word) {
        if (word.appointmentId() == null || word.technicianId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant saidAt = word.deviceTime() != null ? word.deviceTime() : word.occurredAt();
        String actor = "technician:" + word.technicianId();
        Map<String, Object> said = said(word.minutesLeft(), saidAt);
        return Appointment.<Appointment>findById(word.appointmentId()).chain(a -> {
            if (a == null || saidAt == null) {
                return Uni.createFrom().voidItem();
            }
            if (a.technicianId == null || !a.technicianId.equals(word.technicianId())) {
                return audit.record("appointment", a.id.toString(), "TIME_LEFT_IGNORED", actor,
                        "not the assigned technician (" + a.technicianId + ")", null, said);
            }
            if (word.minutesLeft() < JobTimeLeft.MIN_MINUTES || word.minutesLeft() > JobTimeLeft.MAX_MINUTES) {
                return audit.record("appointment", a.id.toString(), "TIME_LEFT_IGNORED", actor,
                        "minutes left must be " + JobTimeLeft.MIN_MINUTES + "–" + JobTimeLeft.MAX_MINUTES + ", not "
                                + word.minutesLeft(), null, said);
            }
            if (a.status != AppointmentStatus.ON_SITE
                    || (a.timeLeftSaidAt != null && !saidAt.isAfter(a.timeLeftSaidAt))) {
                return Uni.createFrom().voidItem(); // not on site (yet or any more), or not newer than the word kept
            }
            Map<String, Object> before = a.timeLeftSaidAt == null ? null
                    : said(a.timeLeftMinutes, a.timeLeftSaidAt);
            return keepTimeLeft(a.id, word.technicianId(), word.minutesLeft(), saidAt).chain(kept -> kept == 0
                    ? Uni.createFrom().voidItem()
                    : audit.record("appointment", a.id.toString(), "TIME_LEFT", actor,
                            "about " + word.minutesLeft() + " min left", before, said));
        });
    }

    /**
     * The word, written by itself: the same conditions again in the update (status, assignee, newer), and neither
     * the appointment's version nor its other columns touched ({@link Appointment#timeLeftMinutes}).
     */
    private static Uni<Integer> keepTimeLeft(UUID appointmentId, String technicianId, int minutes, Instant saidAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update appointment set time_left_minutes = :minutes, time_left_said_at = :said
                        where id = :id and status = 'ON_SITE' and technician_id = :technician
                          and (time_left_said_at is null or time_left_said_at < :said)""")
                .setParameter("minutes", minutes)
                .setParameter("said", OffsetDateTime.ofInstant(saidAt, ZoneOffset.UTC))
                .setParameter("id", appointmentId)
                .setParameter("technician", technicianId)
                .executeUpdate());
    }

    private static Uni<Void> forgetTimeLeft(UUID appointmentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update appointment set time_left_minutes = null, time_left_said_at = null
                        where id = :id""")
                .setParameter("id", appointmentId)
                .executeUpdate()).replaceWithVoid();
    }

    private static Map<String, Object> said(Integer minutes, Instant saidAt) {
        Map<String, Object> said = new LinkedHashMap<>();
        said.put("minutesLeft", minutes);
        said.put("saidAt", saidAt);
        return said;
    }
}
