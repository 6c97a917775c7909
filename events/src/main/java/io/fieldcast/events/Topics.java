package io.fieldcast.events;

import java.util.List;

/**
 * Every Kafka topic of the platform. The record key decides the partition, so all events of one
 * technician (or one appointment) are consumed in order.
 */
public final class Topics {

    /**
     * Key appointmentId: AppointmentBooked, AppointmentRescheduled, AppointmentUpdated, AppointmentCanceled,
     * AppointmentUnassigned (since 0.1.10).
     */
    public static final String APPOINTMENTS = "fieldcast.appointments";
    /** Key technicianId: RoutePlanned. */
    public static final String ROUTES = "fieldcast.routes";
    /** Key technicianId: LocationPing. */
    public static final String TECH_LOCATIONS = "fieldcast.tech-locations";
    /** Key technicianId: VisitStatusChanged, JobTimeLeft (since 0.1.11). */
    public static final String VISIT_STATUS = "fieldcast.visit-status";
    /** Key appointmentId: ArrivalForecast. */
    public static final String ARRIVAL_FORECASTS = "fieldcast.arrival-forecasts";
    /** Key technicianId: LearnedDurations (service-time quantiles, travel factor by local hour), eta → dispatch. */
    public static final String DURATION_ESTIMATES = "fieldcast.duration-estimates";
    /** Key appointmentId: CustomerReplied. */
    public static final String CUSTOMER_REPLIES = "fieldcast.customer-replies";
    /** Key appointmentId: NotificationSent, NotificationFailed. */
    public static final String NOTIFICATIONS = "fieldcast.notifications";
    /** Key technicianId: TechnicianStatusChanged (an admin activated or deactivated a technician), dispatch → mobile. */
    public static final String TECHNICIANS = "fieldcast.technicians";
    /**
     * Key username: UserAccessChanged (an admin changed a console user or integration client), dispatch → every
     * service, which ends the sessions it says.
     */
    public static final String USERS = "fieldcast.users";
    /**
     * Key customerId: CustomerForgotten (an admin had dispatch forget a customer), dispatch → every service, which
     * erases what it holds of the customer and their appointments.
     */
    public static final String CUSTOMERS = "fieldcast.customers";
    /**
     * Key phone: PortalMessage (a one-time code, a waitlist offer or its withdrawal), dispatch's customer portal →
     * customer-notify, which texts it.
     */
    public static final String PORTAL_MESSAGES = "fieldcast.portal-messages";

    /**
     * Key territory: SlotSearches (how many times people looked for a window, per territory, day and channel),
     * dispatch-service → eta-service's operations read model (the funnel from looking to booking).
     */
    public static final String SLOT_SEARCHES = "fieldcast.slot-searches";

    /**
     * Key technicianId: TimeLeftAsked (since 0.1.12), eta-service → tech-mobile-api: the phone asks the technician how
     * long the job in hand still takes, because the next customer's window waits on it.
     */
    public static final String TIME_LEFT_ASKS = "fieldcast.time-left-asks";

    /** All business topics, in the order of DESIGN.md, then those added since (see the CHANGELOG). */
    public static final List<String> ALL = List.of(APPOINTMENTS, ROUTES, TECH_LOCATIONS, VISIT_STATUS,
            ARRIVAL_FORECASTS, DURATION_ESTIMATES, CUSTOMER_REPLIES, NOTIFICATIONS, TECHNICIANS, USERS,
            CUSTOMERS, PORTAL_MESSAGES, SLOT_SEARCHES, TIME_LEFT_ASKS);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic where consumers park payloads of {@code topic} they cannot decode. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    public static boolean isDlq(String topic) {
        return topic.endsWith(DLQ_SUFFIX);
    }
}
