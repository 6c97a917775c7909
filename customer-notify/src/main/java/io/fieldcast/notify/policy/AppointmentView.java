package io.fieldcast.notify.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What the policy knows about one appointment before the incoming trigger: contact and preferences, the promise,
 * what the customer was last told, and progress of the day.
 *
 * @param toldStart      start of the 60-minute window the customer was last told (null: never narrowed)
 * @param updatesDay     local day {@code updatesCount} counts window updates for
 * @param smsOptedOut    the phone number replied STOP (and not START since)
 */
public record AppointmentView(UUID appointmentId, String firstName, String phone, String email, String language,
                              boolean smsOptIn, boolean emailOptIn, boolean smsOptedOut, ZoneId zone,
                              Instant promisedStart, Instant promisedEnd, boolean canceled,
                              String technicianFirstName, Instant plannedArrival, String visitStatus,
                              int forecastVersion, Instant forecastP50, Instant toldStart, Instant toldEnd,
                              LocalDate updatesDay, int updatesCount) {

    /** Once-per-promise messages are keyed by the promise, so a reschedule earns a fresh set. */
    public String promiseKey() {
        return "p" + promisedStart.getEpochSecond();
    }

    /** The same appointment with no window told (a first-window text that has not gone yet tells nothing). */
    public AppointmentView untold() {
        return new AppointmentView(appointmentId, firstName, phone, email, language, smsOptIn, emailOptIn, smsOptedOut,
                zone, promisedStart, promisedEnd, canceled, technicianFirstName, plannedArrival, visitStatus,
                forecastVersion, forecastP50, null, null, updatesDay, updatesCount);
    }

    public int updatesOn(LocalDate day) {
        return day.equals(updatesDay) ? updatesCount : 0;
    }
}
