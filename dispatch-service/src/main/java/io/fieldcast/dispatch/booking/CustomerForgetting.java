package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Events;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.privacy.Forgetting;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "Forget this customer" (an admin): erases the customer's name, phone, e-mail and address, and of every appointment
 * of theirs the address, the notes and the exact coordinates (kept to two decimals: the area, for reports), keeping
 * the rows and what reports count (job type, territory, times, status, technician). Refused while a visit is open,
 * unless the caller asks to cancel the booked and scheduled ones first, through the one cancel path. Audited
 * {@code FORGOTTEN} without the data it erased, and told to every service ({@link CustomerForgotten}), in one
 * transaction.
 */
@ApplicationScoped
public class CustomerForgetting {

    /** What forgetting did: the appointments erased and those canceled first. */
    public record Forgotten(UUID customerId, List<UUID> appointmentIds, List<UUID> canceled) {
    }

    private final AppointmentChanges changes;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public CustomerForgetting(AppointmentChanges changes, Outbox outbox, AuditLog audit, Clock clock) {
        this.changes = changes;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Forgets the customer; 404 when unknown, 409 when already forgotten or while a visit is open. */
    public Forgotten forget(UUID customerId, String reason, boolean cancelOpen, String actor) {
        Customer customer = Reactive.inSession(() -> Customer.<Customer>findById(customerId));
        if (customer == null) {
            throw ApiException.notFound("customer " + customerId);
        }
        if (customer.forgottenAt != null) {
            throw ApiException.conflict("customer " + customerId + " was already forgotten at "
                    + customer.forgottenAt, null);
        }
        List<Appointment> open = openOf(Reactive.inSession(() -> Appointment.<Appointment>list("customerId",
                customerId)));
        refuseOpen(customerId, open, cancelOpen);
        return Reactive.inTransaction(() -> cancel(open, actor)
                .chain(() -> Appointment.<Appointment>list("customerId", customerId))
                .chain(appointments -> Customer.<Customer>findById(customerId).chain(c -> {
                    // Booked meanwhile (after the check above): refused as it would have been then.
                    refuseOpen(customerId, openOf(appointments), false);
                    Instant now = clock.instant();
                    erase(c, now);
                    appointments.forEach(a -> erase(a, now));
                    List<UUID> ids = appointments.stream().map(a -> a.id).toList();
                    var event = new CustomerForgotten(Events.newId(), now, CustomerForgotten.SCHEMA_VERSION,
                            customerId, ids, actor);
                    List<UUID> canceled = open.stream().map(a -> a.id).toList();
                    return outbox.append(event)
                            .chain(() -> outbox.erasePublished(Forgetting.mentions(event)))
                            .chain(rows -> {
                                Map<String, Object> after = new LinkedHashMap<>();
                                after.put("appointments", ids);
                                after.put("canceled", canceled);
                                after.put("outboxRows", rows);
                                return audit.record("customer", customerId.toString(), "FORGOTTEN", actor, reason,
                                        null, after);
                            })
                            .replaceWith(new Forgotten(customerId, ids, canceled));
                })));
    }

    private static List<Appointment> openOf(List<Appointment> appointments) {
        return appointments.stream().filter(a -> AppointmentStatus.OPEN.contains(a.status))
                .sorted(Comparator.comparing((Appointment a) -> a.territoryId).thenComparing(a -> a.serviceDate)
                        .thenComparing(a -> a.id))
                .toList();
    }

    private static void refuseOpen(UUID customerId, List<Appointment> open, boolean cancelOpen) {
        List<String> underWay = open.stream().filter(a -> !a.status.changeable())
                .map(a -> a.id + " (" + a.status + ")").toList();
        if (!underWay.isEmpty()) {
            throw ApiException.conflict("customer " + customerId + " has a visit under way: " + underWay
                    + "; forget them once it is finished", Map.of("appointments", underWay));
        }
        if (!open.isEmpty() && !cancelOpen) {
            List<String> ids = open.stream().map(a -> a.id + " (" + a.status + ")").toList();
            throw ApiException.conflict("customer " + customerId + " has " + open.size() + " open appointment(s): "
                    + ids + "; cancel them first, or pass cancelOpen=true", Map.of("appointments", ids));
        }
    }

    /** Cancels the open visits one day at a time, in (territory, day) order as every other lock taker does. */
    private Uni<Void> cancel(List<Appointment> open, String actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Appointment a : open) {
            chain = chain.chain(() -> changes.cancelWithin(a.territoryId, a.serviceDate, a.id,
                    "the customer is being forgotten", actor, "dispatcher").replaceWithVoid());
        }
        return chain;
    }

    /** The customer's row with nothing personal left: it stays for the appointments that point at it. */
    static void erase(Customer c, Instant now) {
        c.name = Forgetting.ERASED;
        c.phone = Forgetting.ERASED;
        c.email = null;
        c.address = Forgetting.ERASED;
        c.lat = Forgetting.coarse(c.lat);
        c.lon = Forgetting.coarse(c.lon);
        c.forgottenAt = now;
    }

    /** An appointment without the address, the notes or the exact place; what reports count stays. */
    static void erase(Appointment a, Instant now) {
        a.address = Forgetting.ERASED;
        a.notes = null;
        a.intake = null;
        a.lat = Forgetting.coarse(a.lat);
        a.lon = Forgetting.coarse(a.lon);
        a.erasedAt = now;
    }
}
