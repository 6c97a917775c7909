package io.fieldcast.events;

/** What a technician reports about a visit. */
public enum VisitStatus {
    EN_ROUTE, ARRIVED, COMPLETED, CANNOT_COMPLETE
}
