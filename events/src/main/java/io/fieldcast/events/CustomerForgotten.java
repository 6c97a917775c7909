package io.fieldcast.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An admin had dispatch forget a customer ({@code forgottenBy} is the admin's user name; the reason stays in
 * dispatch's audit trail). Every service erases what it holds of the customer and of the customer's appointments
 * {@code appointmentIds} (names, phones, e-mails, addresses, message bodies, notes, exact coordinates), keeps the
 * non-personal facts its reports count (times, states, job types, territories), and audits {@code FORGOTTEN}. Since
 * 0.1.5.
 */
public record CustomerForgotten(UUID eventId, Instant occurredAt, int schemaVersion,
                                UUID customerId, List<UUID> appointmentIds, String forgottenBy)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public CustomerForgotten {
        appointmentIds = appointmentIds == null ? List.of() : List.copyOf(appointmentIds);
    }

    @Override
    public String topic() {
        return Topics.CUSTOMERS;
    }

    @Override
    public String key() {
        return customerId.toString();
    }
}
