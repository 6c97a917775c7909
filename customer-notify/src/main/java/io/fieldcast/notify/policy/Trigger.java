package io.fieldcast.notify.policy;

import io.fieldcast.events.VisitStatus;

import java.time.Instant;
import java.util.UUID;

/** What happened to an appointment, reduced to what the policy needs. {@code at} is the event's domain time. */
public sealed interface Trigger {

    Instant at();

    record Booked(Instant at) implements Trigger {
    }

    record Rescheduled(UUID eventId, Instant at) implements Trigger {
    }

    record Canceled(Instant at) implements Trigger {
    }

    /** A re-plan of the day under way left the visit on nobody's route. */
    record Unassigned(Instant at) implements Trigger {
    }

    /** The scheduler found the appointment is tomorrow in the customer's zone and the reminder hour has come. */
    record ReminderDue(Instant at) implements Trigger {
    }

    /** {@code cause}: why the window moved (a {@code CAUSE_*} code or null); {@code probability} of the window. */
    record Forecast(int version, Instant p50, Instant windowStart, Instant windowEnd, Instant at, String cause,
                    Double probability) implements Trigger {

        public Forecast(int version, Instant p50, Instant windowStart, Instant windowEnd, Instant at) {
            this(version, p50, windowStart, windowEnd, at, null, null);
        }
    }

    /** {@code reasonCode}: why a visit could not be completed (e.g. {@code CUSTOMER_NOT_HOME}), else null. */
    record StatusChanged(VisitStatus status, Instant at, String reasonCode) implements Trigger {

        public StatusChanged(VisitStatus status, Instant at) {
            this(status, at, null);
        }
    }
}
