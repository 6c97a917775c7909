package io.fieldcast.eta.ops;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.AppointmentUpdated;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.NotificationFailed;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.SlotSearches;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A hand-made day published as the platform publishes it, on days and territories of its own (a reused database
 * holds other runs' rows). Territory A: three bookings the day before (B1 console 08-12, B2 portal 12-16 moved by
 * the customer to 13-17, B3 console 09-13 canceled by the customer at 07:00, 2 h before: late), B1's notes changed by
 * a dispatcher; technician T1's route (version 2: shift 08-16, B1 08:30 60 min, B2 13:00 60 min) and then an older
 * version 1 arriving late (shift 08-18, B1 only), which must change nothing; B1 arrived 08:30 (on time, inside its
 * texted 08:00-09:00) and was completed; B2 arrived 17:30 (late), nobody home. B1's window text delivered twice (one
 * text), then one failed text. Territory B: one booking, C1 10-14.
 */
final class OpsScenario {

    final LocalDate day = LocalDate.of(2051, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(5000));
    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String territoryA = "ops-a-" + suffix;
    final String territoryB = "ops-b-" + suffix;
    final String tech = "ops-t1-" + suffix;
    final UUID b1 = UUID.randomUUID();
    final UUID b2 = UUID.randomUUID();
    final UUID b3 = UUID.randomUUID();
    final UUID c1 = UUID.randomUUID();
    private static final GeoPosition HOME = new GeoPosition(42.50, 1.52);
    private static final GeoPosition PLACE = new GeoPosition(42.51, 1.52);

    Instant at(int dayOffset, String time) {
        return day.plusDays(dayOffset).atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    List<FieldcastEvent> events() {
        List<FieldcastEvent> e = new ArrayList<>();
        e.add(booked(b1, territoryA, "console", at(-1, "10:00"), at(0, "08:00"), at(0, "12:00")));
        e.add(booked(b2, territoryA, "portal", at(-1, "11:00"), at(0, "12:00"), at(0, "16:00")));
        e.add(booked(b3, territoryA, "console", at(-1, "12:00"), at(0, "09:00"), at(0, "13:00")));
        e.add(booked(c1, territoryB, "console", at(-1, "09:00"), at(0, "10:00"), at(0, "14:00")));
        e.add(new AppointmentRescheduled(Events.newId(), at(-1, "12:30"), AppointmentRescheduled.SCHEMA_VERSION, b2,
                at(0, "12:00"), at(0, "16:00"), at(0, "13:00"), at(0, "17:00"), "customer asked", null,
                AppointmentEvent.BY_CUSTOMER));
        e.add(new AppointmentUpdated(Events.newId(), at(-1, "13:00"), AppointmentUpdated.SCHEMA_VERSION, b1,
                "REPAIR", 2, "gate code 4", AppointmentEvent.BY_DISPATCHER));
        e.add(new AppointmentCanceled(Events.newId(), at(0, "07:00"), 1, b3, AppointmentEvent.BY_CUSTOMER, "away"));
        e.add(route(2, at(0, "16:00"), List.of(visit(b1, 0, at(0, "08:00"), at(0, "12:00"), at(0, "08:30")),
                visit(b2, 1, at(0, "13:00"), at(0, "17:00"), at(0, "13:00")))));
        e.add(route(1, at(0, "18:00"), List.of(visit(b1, 0, at(0, "08:00"), at(0, "12:00"), at(0, "08:30")))));
        NotificationSent told = new NotificationSent(Events.newId(), at(0, "07:00"), 1, b1, "WINDOW_NARROWED", "sms",
                "+34*****1", "SM1", 1, at(0, "08:00"), at(0, "09:00"));
        e.add(told);
        e.add(told); // delivered twice: one text
        e.add(new NotificationFailed(Events.newId(), at(0, "07:05"), 1, b1, "ON_THE_WAY", "sms", "+34*****1",
                "carrier said no", 5));
        e.add(new NotificationSent(Events.newId(), at(-1, "12:31"), 1, b2, "RESCHEDULE_CONFIRMATION", "sms",
                "+34*****2", "SM2", 0, null, null));
        // The day before: 4 + 2 searches on the booking page (1 found nothing), 3 in the console; one count event
        // delivered twice.
        SlotSearches portal = new SlotSearches(Events.newId(), at(-1, "11:01"), 1, territoryA, day.minusDays(1),
                "portal", 4, 1);
        e.add(portal);
        e.add(portal);
        e.add(new SlotSearches(Events.newId(), at(-1, "12:01"), 1, territoryA, day.minusDays(1), "portal", 2, 0));
        e.add(new SlotSearches(Events.newId(), at(-1, "12:02"), 1, territoryA, day.minusDays(1), "console", 3, 0));
        e.add(tap(b1, VisitStatus.ARRIVED, at(0, "08:30"), null));
        e.add(tap(b1, VisitStatus.COMPLETED, at(0, "09:30"), null));
        e.add(tap(b2, VisitStatus.ARRIVED, at(0, "17:30"), null));
        e.add(tap(b2, VisitStatus.CANNOT_COMPLETE, at(0, "17:40"), "CUSTOMER_NOT_HOME"));
        return e;
    }

    void publish(EventPublisher publisher) throws Exception {
        for (FieldcastEvent event : events()) {
            publisher.send(event).get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the last events of each partition the checks depend on are applied (so all before them are). */
    void awaitApplied(String adminToken) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonPath r = OpsApiTest.report(adminToken, day.minusDays(1).toString(), day.toString(), territoryA);
            if (OpsApiTest.figure(r, "textsFailed", "value") == 1.0
                    && OpsApiTest.figure(r, "onTimeRate", "denominator") == 2.0
                    && OpsApiTest.figure(r, "noShowRate", "denominator") == 2.0
                    && OpsApiTest.figure(r, "appointments", "value") == 3.0
                    && OpsApiTest.figure(r, "adminTouchRate", "numerator") == 1.0
                    && OpsApiTest.figure(r, "searches", "value") == 9.0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the read model did not catch up: " + r.prettify());
            }
            Thread.sleep(200);
        }
    }

    private AppointmentBooked booked(UUID id, String territory, String channel, Instant when, Instant start,
                                     Instant end) {
        return new AppointmentBooked(Events.newId(), when, AppointmentBooked.SCHEMA_VERSION, id, territory, "UTC",
                "REPAIR", null, "x", PLACE, start, end, 1, null, null, channel);
    }

    private RoutePlanned route(long version, Instant shiftEnd, List<PlannedVisit> visits) {
        return new RoutePlanned(Events.newId(), at(-1, "18:00").plusSeconds(60 * (3 - version)), 1, tech,
                territoryA, day, version, HOME, HOME, at(0, "08:00"), shiftEnd, visits);
    }

    private static PlannedVisit visit(UUID id, int seq, Instant start, Instant end, Instant arrival) {
        return new PlannedVisit(id, seq, "REPAIR", "Ana", "x", PLACE, null, start, end, arrival, 60, false);
    }

    private VisitStatusChanged tap(UUID id, VisitStatus status, Instant when, String reason) {
        return new VisitStatusChanged(Events.newId(), when, 1, tech, id, status, reason, null, when, when, "s-1");
    }
}
