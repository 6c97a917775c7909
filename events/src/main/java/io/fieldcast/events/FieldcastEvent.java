package io.fieldcast.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. {@code eventId} lets consumers de-duplicate redeliveries,
 * {@code occurredAt} is domain time (from the producer's clock, never the broker's), and
 * {@code schemaVersion} tells which revision of the record wrote the payload.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AppointmentBooked.class, name = "AppointmentBooked"),
        @JsonSubTypes.Type(value = AppointmentRescheduled.class, name = "AppointmentRescheduled"),
        @JsonSubTypes.Type(value = AppointmentUpdated.class, name = "AppointmentUpdated"),
        @JsonSubTypes.Type(value = AppointmentCanceled.class, name = "AppointmentCanceled"),
        @JsonSubTypes.Type(value = AppointmentUnassigned.class, name = "AppointmentUnassigned"),
        @JsonSubTypes.Type(value = RoutePlanned.class, name = "RoutePlanned"),
        @JsonSubTypes.Type(value = LocationPing.class, name = "LocationPing"),
        @JsonSubTypes.Type(value = VisitStatusChanged.class, name = "VisitStatusChanged"),
        @JsonSubTypes.Type(value = JobTimeLeft.class, name = "JobTimeLeft"),
        @JsonSubTypes.Type(value = ArrivalForecast.class, name = "ArrivalForecast"),
        @JsonSubTypes.Type(value = LearnedDurations.class, name = "LearnedDurations"),
        @JsonSubTypes.Type(value = CustomerReplied.class, name = "CustomerReplied"),
        @JsonSubTypes.Type(value = NotificationSent.class, name = "NotificationSent"),
        @JsonSubTypes.Type(value = NotificationFailed.class, name = "NotificationFailed"),
        @JsonSubTypes.Type(value = TechnicianStatusChanged.class, name = "TechnicianStatusChanged"),
        @JsonSubTypes.Type(value = UserAccessChanged.class, name = "UserAccessChanged"),
        @JsonSubTypes.Type(value = CustomerForgotten.class, name = "CustomerForgotten"),
        @JsonSubTypes.Type(value = PortalMessage.class, name = "PortalMessage"),
        @JsonSubTypes.Type(value = SlotSearches.class, name = "SlotSearches"),
        @JsonSubTypes.Type(value = TimeLeftAsked.class, name = "TimeLeftAsked"),
})
public sealed interface FieldcastEvent permits AppointmentEvent, RoutePlanned, LocationPing, VisitStatusChanged, JobTimeLeft,
        ArrivalForecast, LearnedDurations, CustomerReplied, NotificationEvent, TechnicianStatusChanged,
        UserAccessChanged, CustomerForgotten, PortalMessage, SlotSearches, TimeLeftAsked {

    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The topic this event belongs on. */
    @JsonIgnore
    String topic();

    /** The record key: decides the partition and therefore the per-entity ordering. */
    @JsonIgnore
    String key();

    /** The JSON type name, also sent as a Kafka header. */
    @JsonIgnore
    default String typeName() {
        return getClass().getSimpleName();
    }
}
