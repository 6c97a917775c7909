package io.fieldcast.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    static List<FieldcastEvent> events() {
        return EventFixtures.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesRoundTrip(FieldcastEvent event) {
        FieldcastEvent decoded = EventCodec.decode(EventCodec.encode(event));
        assertEquals(event, decoded);
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventNamesItsTypeAndATopicOfTheContract(FieldcastEvent event) {
        String json = EventCodec.encodeToString(event);
        assertTrue(json.contains("\"type\":\"" + event.typeName() + "\""), json);
        assertTrue(Topics.ALL.contains(event.topic()), event.topic());
        assertTrue(!event.key().isBlank());
    }

    @Test
    void fixturesCoverEverySubtype() {
        Set<Class<?>> covered = new HashSet<>();
        events().forEach(e -> covered.add(e.getClass()));
        var annotation = FieldcastEvent.class.getAnnotation(JsonSubTypes.class);
        assertEquals(annotation.value().length, covered.size());
    }

    @Test
    void olderPayloadWithoutLaterFieldsStillDecodes() throws Exception {
        // Written by a hypothetical v0 producer: no schemaVersion, no priority, no notes, no customer block.
        byte[] v0 = getClass().getResourceAsStream("/payloads/appointment-booked-v0.json").readAllBytes();
        var booked = assertInstanceOf(AppointmentBooked.class, EventCodec.decode(v0));
        assertEquals(UUID.fromString("0b8f8e52-4a44-4d7c-9a3b-0d7b5a0c1e11"), booked.appointmentId());
        assertEquals(Instant.parse("2026-01-05T08:00:00Z"), booked.windowStart());
        assertEquals(0, booked.priority());
        assertNull(booked.notes());
        assertNull(booked.customer());
    }

    @Test
    void routePlannedFrom011WithoutCustomerPhoneStillDecodes() throws Exception {
        // Written by a 0.1.1 producer: its visits have no customerPhone.
        byte[] v011 = getClass().getResourceAsStream("/payloads/route-planned-0.1.1.json").readAllBytes();
        var route = assertInstanceOf(RoutePlanned.class, EventCodec.decode(v011));
        PlannedVisit visit = route.visits().getFirst();
        assertEquals("Ana", visit.customerFirstName());
        assertEquals(75, visit.plannedDurationMinutes());
        assertNull(visit.customerPhone());
    }

    @Test
    void notificationSentFrom012WithoutTheWindowDecodesWithNulls() throws Exception {
        byte[] v012 = getClass().getResourceAsStream("/payloads/notification-sent-0.1.2.json").readAllBytes();
        var sent = assertInstanceOf(NotificationSent.class, EventCodec.decode(v012));
        assertEquals(2, sent.forecastVersion());
        assertNull(sent.windowStart());
        assertNull(sent.windowEnd());
        // A window text that does not say which window cannot be kept by anyone.
        assertNull(TextedWindow.of(sent));
    }

    @Test
    void changesFrom016WithoutWhoChangedThemDecodeWithNull() {
        // Written by a 0.1.6 producer: a reschedule and an update that do not say who made them.
        String rescheduled = """
                {"type":"AppointmentRescheduled","eventId":"6f1c1a52-2c0e-4a1e-9a7e-0b1c2d3e4f51",
                 "occurredAt":"2026-03-02T08:00:00Z","schemaVersion":2,
                 "appointmentId":"6f1c2a7e-0a4b-4a53-9d3e-1d2c3b4a5f60",
                 "previousWindowStart":"2026-03-02T08:00:00Z","previousWindowEnd":"2026-03-02T12:00:00Z",
                 "windowStart":"2026-03-03T08:00:00Z","windowEnd":"2026-03-03T12:00:00Z","reason":"asked",
                 "manageUrl":"https://book.example.test/manage#t"}""";
        String updated = """
                {"type":"AppointmentUpdated","eventId":"6f1c1a52-2c0e-4a1e-9a7e-0b1c2d3e4f52",
                 "occurredAt":"2026-03-02T08:00:00Z","schemaVersion":1,
                 "appointmentId":"6f1c2a7e-0a4b-4a53-9d3e-1d2c3b4a5f60","jobType":"REPAIR","priority":2}""";
        var r = assertInstanceOf(AppointmentRescheduled.class,
                EventCodec.decode(rescheduled));
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), r.windowStart());
        assertNull(r.changedBy());
        var u = assertInstanceOf(AppointmentUpdated.class,
                EventCodec.decode(updated));
        assertEquals("REPAIR", u.jobType());
        assertNull(u.changedBy());
    }

    @Test
    void forecastFrom010WithoutToldProbabilityDecodesAsNotAtRisk() {
        // A 0.1.0 producer knew nothing of told windows: null, and never a reason to re-plan.
        String json = """
                {"type":"ArrivalForecast","eventId":"6f1c1a52-2c0e-4a1e-9a7e-0b1c2d3e4f50",
                 "occurredAt":"2026-03-02T08:00:00Z","schemaVersion":1,
                 "appointmentId":"0b8f8e52-4a44-4d7c-9a3b-0d7b5a0c1e11","technicianId":"tech-7",
                 "p50Arrival":"2026-03-02T10:20:00Z","windowStart":"2026-03-02T10:00:00Z",
                 "windowEnd":"2026-03-02T11:00:00Z","probabilityInWindow":0.9,"forecastVersion":3}""";
        var forecast = assertInstanceOf(ArrivalForecast.class,
                EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertNull(forecast.probabilityInToldWindow());
        assertNull(forecast.cause());
        assertFalse(forecast.toldWindowAtRisk(0.7));
    }

    @Test
    void toldWindowAtRiskBelowTheThresholdOnly() {
        var at = Instant.parse("2026-03-02T08:00:00Z");
        var kept = new ArrivalForecast(Events.newId(), at, 1, UUID.randomUUID(), "t", at, at, at, 0.9, at, at, "m", 2,
                "r", 0.7, null);
        var broken = new ArrivalForecast(Events.newId(), at, 1, UUID.randomUUID(), "t", at, at, at, 0.9, at, at, "m",
                2, "r", 0.69, ArrivalForecast.CAUSE_RUNNING_BEHIND);
        // The threshold itself still counts as kept.
        assertFalse(kept.toldWindowAtRisk(0.7));
        assertTrue(broken.toldWindowAtRisk(0.7));
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = """
                {"type":"AppointmentCanceled","eventId":"3f0c1b8e-64a3-4f8b-8d1e-0f2a4b6c8d0e",
                 "occurredAt":"2026-01-05T08:00:00Z","schemaVersion":7,
                 "appointmentId":"0b8f8e52-4a44-4d7c-9a3b-0d7b5a0c1e11","canceledBy":"customer",
                 "refundPolicy":{"percent":50},"channels":["sms"]}""";
        var canceled = assertInstanceOf(AppointmentCanceled.class, EventCodec.decode(json));
        assertEquals(7, canceled.schemaVersion());
        assertEquals("customer", canceled.canceledBy());
    }

    @Test
    void garbageIsTypedDecodingErrorCarryingThePayload() {
        byte[] garbage = "\u0000\u0001not json at all".getBytes(StandardCharsets.UTF_8);
        var error = assertThrows(EventDecodingException.class, () -> EventCodec.decode(garbage));
        assertEquals(new String(garbage, StandardCharsets.UTF_8),
                new String(error.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownEventTypeIsDecodingError() {
        String json = """
                {"type":"InvoicePaid","eventId":"3f0c1b8e-64a3-4f8b-8d1e-0f2a4b6c8d0e",
                 "occurredAt":"2026-01-05T08:00:00Z"}""";
        assertThrows(EventDecodingException.class, () -> EventCodec.decode(json));
    }

    @Test
    void payloadWithoutEventIdIsDecodingError() {
        String json = """
                {"type":"AppointmentCanceled","occurredAt":"2026-01-05T08:00:00Z",
                 "appointmentId":"0b8f8e52-4a44-4d7c-9a3b-0d7b5a0c1e11"}""";
        var error = assertThrows(EventDecodingException.class, () -> EventCodec.decode(json));
        assertTrue(error.getMessage().contains("eventId"), error.getMessage());
    }

    @Test
    void emptyPayloadIsDecodingError() {
        assertThrows(EventDecodingException.class, () -> EventCodec.decode(new byte[0]));
    }

    @Test
    void deserializerReturnsUndecodableInsteadOfThrowing() {
        try (var deserializer = new EventDeserializer()) {
            Decoded bad = deserializer.deserialize(Topics.ROUTES, "{\"type\":".getBytes(StandardCharsets.UTF_8));
            assertInstanceOf(Decoded.Undecodable.class, bad);
            FieldcastEvent event = events().getFirst();
            Decoded good = deserializer.deserialize(Topics.APPOINTMENTS, new EventSerializer().serialize("t", event));
            assertEquals(event, assertInstanceOf(Decoded.Event.class, good).event());
        }
    }

    @Test
    void dlqTopicIsTopicWithSuffix() {
        assertEquals("fieldcast.routes.dlq", Topics.dlq(Topics.ROUTES));
        assertTrue(Topics.isDlq(Topics.dlq(Topics.ROUTES)));
        assertEquals(14, Topics.ALL.size());
    }
}
