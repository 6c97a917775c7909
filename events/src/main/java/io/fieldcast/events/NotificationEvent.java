package io.fieldcast.events;

import java.util.UUID;

/** Events on {@link Topics#NOTIFICATIONS}, keyed by appointment. */
public sealed interface NotificationEvent extends FieldcastEvent permits NotificationSent, NotificationFailed {

    UUID appointmentId();

    @Override
    default String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    default String key() {
        return appointmentId().toString();
    }
}
