package io.fieldcast.events;

import java.util.UUID;

/** Events on {@link Topics#APPOINTMENTS}, keyed by appointment. */
public sealed interface AppointmentEvent extends FieldcastEvent
        permits AppointmentBooked, AppointmentRescheduled, AppointmentUpdated, AppointmentCanceled {

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
