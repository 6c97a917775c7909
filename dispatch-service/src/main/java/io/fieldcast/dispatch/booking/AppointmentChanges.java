package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.booking.AppointmentDtos.AppointmentView;
import io.fieldcast.dispatch.booking.AppointmentDtos.ChangeRequest;
import io.fieldcast.dispatch.booking.AppointmentDtos.RescheduleRequest;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.DayChanged;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** Reschedule, cancel and change an appointment; each re-validates capacity under the day's lock. */
@ApplicationScoped
public class AppointmentChanges {

    private final BookingService booking;
    private final SlotFinder slots;
    private final DayLoader days;
    private final RouteUpdater routes;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<DayChanged> dayChanged;
    private final ManageLinks links;
    private final DayGate gate;

    public AppointmentChanges(BookingService booking, SlotFinder slots, DayLoader days, RouteUpdater routes,
                              Outbox outbox, AuditLog audit, Clock clock, Event<DayChanged> dayChanged,
                              ManageLinks links, DayGate gate) {
        this.links = links;
        this.gate = gate;
        this.booking = booking;
        this.slots = slots;
        this.days = days;
        this.routes = routes;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.dayChanged = dayChanged;
    }

    /**
     * Moves the appointment to another window; {@code alsoInTransaction} runs with the result inside the change's
     * transaction (as in {@link BookingService#book(AppointmentDtos.BookRequest, String, Function)}), and so for
     * cancel and change.
     */
    public AppointmentView reschedule(UUID id, RescheduleRequest request, Access access,
                                      Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        Appointment current = find(id, access);
        String actor = access.principal();
        Territory territory = slots.territory(current.territoryId, current.lat, current.lon);
        booking.checkWindow(request.windowStart(), request.windowEnd(), territory, "windowStart");
        JobType jobType = slots.jobType(current.jobType);
        LocalDate newDate = request.windowStart().atZone(territory.zone()).toLocalDate();
        GeoPoint point = new GeoPoint(current.lat, current.lon);
        slots.prefetch(territory.id, newDate, point);
        VisitRequest visit = new VisitRequest(point, jobType.code, jobType.defaultDurationMin,
                request.windowStart(), request.windowEnd(), jobType.requiredSkillMap());
        try {
            AppointmentView moved = gate.through(territory.id, current.serviceDate, newDate,
                    () -> Reactive.inTransaction(
                    () -> lockBoth(territory.id, current.serviceDate,
                    newDate).chain(() -> days.load(territory.id, current.serviceDate)).chain(oldDay -> {
                        Appointment a = changeable(oldDay, id);
                        Instant oldStart = a.windowStart;
                        Instant oldEnd = a.windowEnd;
                        var before = AppointmentView.of(a);
                        return routes.removeFrom(oldDay, a)
                                .chain(() -> days.load(territory.id, newDate))
                                .chain(newDay -> {
                                    Insertion insertion = booking.insert(newDay, visit, a.id, a.priority);
                                    a.windowStart = request.windowStart();
                                    a.windowEnd = request.windowEnd();
                                    a.serviceDate = newDate;
                                    a.updatedAt = clock.instant();
                                    return routes.placeInto(newDay, a, insertion);
                                })
                                .chain(() -> outbox.append(AppointmentEvents.rescheduled(a, oldStart, oldEnd,
                                        request.reason(), links.urlFor(a.id, a.windowEnd), actor, clock.instant())))
                                .chain(() -> audit.record("appointment", id.toString(), "RESCHEDULED", actor,
                                        request.reason(), before.audited(), AppointmentView.of(a).audited()))
                                .map(ignored -> AppointmentView.of(a));
                    }).call(alsoInTransaction::apply)));
            slots.forget(territory.id, current.serviceDate);
            slots.forget(territory.id, newDate);
            return moved;
        } catch (NoCapacityException e) {
            throw booking.noCapacity(e, current.lat, current.lon, current.jobType, newDate, territory.id);
        }
    }

    public AppointmentView cancel(UUID id, String reason, Access access, String canceledBy,
                                  Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        Appointment current = find(id, access);
        AppointmentView canceled = gate.through(current.territoryId, current.serviceDate,
                () -> Reactive.inTransaction(
                () -> cancelWithin(current.territoryId, current.serviceDate, id, reason, access.principal(),
                        canceledBy).call(alsoInTransaction::apply)));
        slots.forget(current.territoryId, current.serviceDate);
        return canceled;
    }

    /**
     * The one cancel, inside the caller's transaction and without blocking (a Kafka handler runs on an event loop):
     * under the day's lock, takes the visit off its route, appends {@code AppointmentCanceled} to the outbox, audits,
     * and asks for a re-plan of the day. Fails with a 409 {@link ApiException} when the appointment can no longer
     * change.
     */
    public Uni<AppointmentView> cancelWithin(String territoryId, LocalDate date, UUID id, String reason, String actor,
                                             String canceledBy) {
        return days.lock(territoryId, date)
                // Re-read under the lock: the caller's session may hold a copy from before it.
                .chain(() -> Panache.getSession().chain(s -> s.find(Appointment.class, id)
                        .chain(a -> a == null ? Uni.createFrom().voidItem() : s.refresh(a))))
                .chain(() -> days.load(territoryId, date))
                .chain(day -> {
                    Appointment a = changeable(day, id);
                    var before = AppointmentView.of(a);
                    a.status = AppointmentStatus.CANCELED;
                    a.updatedAt = clock.instant();
                    return routes.removeFrom(day, a)
                            .chain(() -> outbox.append(AppointmentEvents.canceled(a, canceledBy, reason,
                                    clock.instant())))
                            .chain(() -> audit.record("appointment", id.toString(), "CANCELED", actor, reason,
                                    before.audited(), AppointmentView.of(a).audited()))
                            .map(ignored -> AppointmentView.of(a));
                })
                // Fired before commit: the re-plan it asks for waits for this day's lock, so it solves without it.
                .invoke(() -> dayChanged.fire(new DayChanged(territoryId, date, "appointment " + id + " canceled")));
    }

    public AppointmentView change(UUID id, ChangeRequest request, Access access,
                                  Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        Appointment current = find(id, access);
        String actor = access.principal();
        JobType newType = request.jobType() == null ? null : slots.jobType(request.jobType());
        boolean retyped = newType != null && !newType.code.equals(current.jobType);
        if (retyped) {
            slots.prefetch(current.territoryId, current.serviceDate, new GeoPoint(current.lat, current.lon));
        }
        try {
            return gate.through(current.territoryId, current.serviceDate, () -> Reactive.inTransaction(
                    () -> days.lock(current.territoryId, current.serviceDate)
                            .chain(() -> days.load(current.territoryId, current.serviceDate)).chain(day -> {
                        Appointment a = changeable(day, id);
                        var before = AppointmentView.of(a);
                        a.notes = request.notes() != null ? request.notes() : a.notes;
                        a.priority = request.priority() != null ? request.priority() : a.priority;
                        Uni<Void> placement = Uni.createFrom().voidItem();
                        if (retyped) {
                            VisitRequest visit = new VisitRequest(new GeoPoint(a.lat, a.lon),
                                    newType.code, newType.defaultDurationMin, a.windowStart, a.windowEnd,
                                    newType.requiredSkillMap());
                            Insertion insertion = booking.insert(day, visit, a.id, a.priority);
                            placement = routes.removeFrom(day, a).chain(() -> {
                                a.jobType = newType.code;
                                a.durationMin = newType.defaultDurationMin;
                                return routes.placeInto(day, a, insertion);
                            });
                        }
                        boolean changed = !Objects.equals(before.notes(), a.notes)
                                || before.priority() != a.priority || retyped;
                        if (!changed) {
                            return Uni.createFrom().item(before); // nothing written, so nothing to audit
                        }
                        a.updatedAt = clock.instant();
                        return placement
                                .chain(() -> outbox.append(AppointmentEvents.updated(a, actor, clock.instant())))
                                .chain(() -> audit.record("appointment", id.toString(), "CHANGED", actor,
                                        request.reason(), before.audited(), AppointmentView.of(a).audited()))
                                .map(ignored -> AppointmentView.of(a));
                    }).call(alsoInTransaction::apply)));
        } catch (NoCapacityException e) {
            throw booking.noCapacity(e, current.lat, current.lon, newType.code, current.serviceDate,
                    current.territoryId);
        }
    }

    /** The appointment, if the caller sees its territory: to others it does not exist (404). */
    private Appointment find(UUID id, Access access) {
        Appointment a = Reactive.inSession(() -> Appointment.<Appointment>findById(id));
        if (a == null) {
            throw ApiException.notFound("appointment " + id);
        }
        access.requireVisible(a.territoryId, "appointment " + id);
        access.requireChange();
        return a;
    }

    /** The appointment as re-read under the lock; only BOOKED or SCHEDULED ones may change. */
    private static Appointment changeable(DaySnapshot day, UUID id) {
        Appointment a = day.openAppointments().stream().filter(x -> x.id.equals(id)).findFirst()
                .orElseThrow(() -> ApiException.conflict("appointment " + id + " is no longer open", null));
        if (!a.status.changeable()) {
            throw ApiException.conflict("appointment " + id + " is " + a.status + " and can no longer change", null);
        }
        return a;
    }

    /** Locks two days in a fixed order so that two opposite reschedules cannot deadlock. */
    private Uni<Void> lockBoth(String territory, LocalDate a, LocalDate b) {
        LocalDate first = a.isBefore(b) ? a : b;
        LocalDate second = a.isBefore(b) ? b : a;
        return days.lock(territory, first).chain(() -> first.equals(second) ? Uni.createFrom().voidItem()
                : days.lock(territory, second));
    }
}
