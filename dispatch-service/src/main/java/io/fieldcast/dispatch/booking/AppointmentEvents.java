package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUpdated;
import io.fieldcast.events.CustomerContact;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;

import java.time.Instant;

/** Builds the appointment events dispatch publishes (through the outbox). */
public final class AppointmentEvents {

    private AppointmentEvents() {
    }

    public static AppointmentBooked booked(Appointment a, Customer c, Territory t, String manageUrl, Instant now) {
        return new AppointmentBooked(Events.newId(), now, AppointmentBooked.SCHEMA_VERSION, a.id, t.id, t.timeZone,
                a.jobType, new CustomerContact(c.id, c.firstName(), c.phone, c.email, c.language, c.smsOptIn,
                c.emailOptIn), a.address, new GeoPosition(a.lat, a.lon), a.windowStart, a.windowEnd, a.priority,
                a.notes, manageUrl, a.channel);
    }

    public static AppointmentRescheduled rescheduled(Appointment a, Instant oldStart, Instant oldEnd, String reason,
                                                     String manageUrl, String actor, Instant now) {
        return new AppointmentRescheduled(Events.newId(), now, AppointmentRescheduled.SCHEMA_VERSION, a.id,
                oldStart, oldEnd, a.windowStart, a.windowEnd, reason, manageUrl, changedBy(actor));
    }

    public static AppointmentCanceled canceled(Appointment a, String by, String reason, Instant now) {
        return new AppointmentCanceled(Events.newId(), now, AppointmentCanceled.SCHEMA_VERSION, a.id, by, reason);
    }

    public static AppointmentUpdated updated(Appointment a, String actor, Instant now) {
        return new AppointmentUpdated(Events.newId(), now, AppointmentUpdated.SCHEMA_VERSION, a.id, a.jobType,
                a.priority, a.notes, changedBy(actor));
    }

    /**
     * Who made a change, as the events say it: the customer behind their manage link (the portal's and the
     * waitlist's actor, {@code customer:…}), the platform ({@code system}), else a person of the company.
     */
    static String changedBy(String actor) {
        if (actor == null || AppointmentEvent.BY_SYSTEM.equals(actor)) {
            return AppointmentEvent.BY_SYSTEM;
        }
        return actor.startsWith(AppointmentEvent.BY_CUSTOMER + ":") ? AppointmentEvent.BY_CUSTOMER
                : AppointmentEvent.BY_DISPATCHER;
    }
}
