package io.fieldcast.events;

import java.util.UUID;

/** Events on {@link Topics#APPOINTMENTS}, keyed by appointment. */
public sealed interface AppointmentEvent extends FieldcastEvent
        permits AppointmentBooked, AppointmentRescheduled, AppointmentUpdated, AppointmentCanceled,
        AppointmentUnassigned {

    /** Who changed an appointment ({@code changedBy}, {@code canceledBy}): the customer (a link, a text reply). */
    String BY_CUSTOMER = "customer";
    /** ... a person of the company (a dispatcher or an admin in the console, an integration client). */
    String BY_DISPATCHER = "dispatcher";
    /** ... the platform on its own. */
    String BY_SYSTEM = "system";

    UUID appointmentId();

    @Override
    default String topic() {
        return Topics.APPOINTMENTS;
    }

    @Override
    default String key() {
        return appointmentId().toString();
    }
}
