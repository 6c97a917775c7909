package io.fieldcast.dispatch.domain;

import java.util.EnumSet;
import java.util.Set;

/** Life of an appointment. BOOKED: promised, tentatively placed; SCHEDULED: in a published plan. */
public enum AppointmentStatus {
    BOOKED, SCHEDULED, EN_ROUTE, ON_SITE, COMPLETED, CANCELED, CANNOT_COMPLETE;

    /** Statuses that still take a technician's time on the day. */
    public static final Set<AppointmentStatus> OPEN = EnumSet.of(BOOKED, SCHEDULED, EN_ROUTE, ON_SITE);

    /** Whether a dispatcher or customer may still move or cancel it. */
    public boolean changeable() {
        return this == BOOKED || this == SCHEDULED;
    }
}
