package io.fieldcast.notify.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUpdated;
import io.fieldcast.events.AppointmentUnassigned;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.VisitStatusChanged;

import java.util.List;
import java.util.UUID;

/**
 * The events a company's systems can subscribe to, by their webhook names, and the body a delivery carries:
 * {@code {"id", "type", "occurredAt", "data"}} with {@code data} the event as it is on Kafka (the events module's
 * JSON, versioned by its {@code schemaVersion}).
 */
public final class WebhookEvents {

    public static final String BOOKED = "appointment.booked";
    public static final String RESCHEDULED = "appointment.rescheduled";
    public static final String CANCELED = "appointment.canceled";
    public static final String UPDATED = "appointment.updated";
    /** A re-plan of the day under way left the visit on nobody's route (AppointmentUnassigned, since 0.1.10). */
    public static final String UNASSIGNED = "appointment.unassigned";
    public static final String VISIT_STATUS = "visit.status-changed";
    /** Every name, in the order the docs list them. */
    public static final List<String> TYPES = List.of(BOOKED, RESCHEDULED, CANCELED, UPDATED, VISIT_STATUS,
            UNASSIGNED);

    private WebhookEvents() {
    }

    /** The webhook name of {@code event}, or null when no subscription can want it. */
    public static String type(FieldcastEvent event) {
        return switch (event) {
            case AppointmentBooked e -> BOOKED;
            case AppointmentRescheduled e -> RESCHEDULED;
            case AppointmentCanceled e -> CANCELED;
            case AppointmentUpdated e -> UPDATED;
            case AppointmentUnassigned e -> UNASSIGNED;
            case VisitStatusChanged e -> VISIT_STATUS;
            default -> null;
        };
    }

    /** The appointment the event is about (for the delivery log and for forgetting a customer), or null. */
    public static UUID appointment(FieldcastEvent event) {
        return switch (event) {
            case AppointmentEvent e -> e.appointmentId();
            case VisitStatusChanged e -> e.appointmentId();
            default -> null;
        };
    }

    /** The body of a delivery of {@code event}. */
    public static String body(FieldcastEvent event) {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.put("id", event.eventId().toString());
        body.put("type", type(event));
        body.put("occurredAt", event.occurredAt().toString());
        body.set("data", EventCodec.mapper().valueToTree(event));
        try {
            return EventCodec.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that cannot be written as JSON: " + event, e);
        }
    }
}
