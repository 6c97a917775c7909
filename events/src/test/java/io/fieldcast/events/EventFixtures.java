package io.fieldcast.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One fully populated sample of every event type. */
final class EventFixtures {

    static final Instant T0 = Instant.parse("2026-03-02T08:15:30Z");
    static final UUID APPOINTMENT = UUID.fromString("6f1c2a7e-0a4b-4a53-9d3e-1d2c3b4a5f60");
    static final GeoPosition HOME = new GeoPosition(42.5063, 1.5218);
    static final GeoPosition CUSTOMER_PLACE = new GeoPosition(42.5441, 1.5134);

    private EventFixtures() {
    }

    static List<FieldcastEvent> oneOfEach() {
        var contact = new CustomerContact(UUID.randomUUID(), "Ana", "+34600111222", "ana@example.org", "es",
                true, false);
        var visit = new PlannedVisit(APPOINTMENT, 1, "INSTALL", "Ana", "Carrer Major 1", CUSTOMER_PLACE, "dog",
                T0, T0.plusSeconds(4 * 3600), T0.plusSeconds(1800), 75, true, "+34600111222");
        return List.of(
                new AppointmentBooked(Events.newId(), T0, 1, APPOINTMENT, "north", "Europe/Andorra", "INSTALL",
                        contact, "Carrer Major 1", CUSTOMER_PLACE, T0, T0.plusSeconds(14400), 3, "gate code 12",
                        "https://book.example.test/manage#tok", AppointmentBooked.CHANNEL_PORTAL),
                new AppointmentRescheduled(Events.newId(), T0, 1, APPOINTMENT, T0, T0.plusSeconds(14400),
                        T0.plusSeconds(86400), T0.plusSeconds(86400 + 14400), "customer asked",
                        "https://book.example.test/manage#tok2", AppointmentEvent.BY_CUSTOMER),
                new AppointmentUpdated(Events.newId(), T0, 1, APPOINTMENT, "REPAIR", 5, "bring ladder",
                        AppointmentEvent.BY_DISPATCHER),
                new AppointmentCanceled(Events.newId(), T0, 1, APPOINTMENT, "customer", "moved away"),
                new AppointmentUnassigned(Events.newId(), T0, 1, APPOINTMENT, "north", LocalDate.of(2026, 3, 2),
                        "tech-7", 5L, "re-plan: technician tech-7 absent"),
                new RoutePlanned(Events.newId(), T0, 1, "tech-7", "north", LocalDate.of(2026, 3, 2), 4L,
                        HOME, HOME, T0, T0.plusSeconds(8 * 3600), List.of(visit)),
                new LocationPing(Events.newId(), T0, 1, "tech-7", "p-1", T0.minusSeconds(3), T0, 42.5, 1.52, 8.5,
                        13.2, 270.0),
                new VisitStatusChanged(Events.newId(), T0, 1, "tech-7", APPOINTMENT, VisitStatus.CANNOT_COMPLETE,
                        "NO_ACCESS", "nobody home", T0.minusSeconds(60), T0, "s-1"),
                new JobTimeLeft(Events.newId(), T0, 1, "tech-7", APPOINTMENT, 45, T0.minusSeconds(30), T0, "t-1"),
                new TimeLeftAsked(Events.newId(), T0, 1, "tech-7", APPOINTMENT, UUID.randomUUID(), T0),
                new ArrivalForecast(Events.newId(), T0, 1, APPOINTMENT, "tech-7", T0.plusSeconds(2400),
                        T0.plusSeconds(600), T0.plusSeconds(4200), 0.91, T0, T0.plusSeconds(14400), "m-3", 2,
                        "previous job running 25 min long", 0.62,
                        ArrivalForecast.CAUSE_PREVIOUS_JOB_LONG),
                new LearnedDurations(Events.newId(), T0, 1, "tech-7", "m-3",
                        List.of(new ServiceTimeQuantiles("INSTALL", 40, 62.5, 95, 31)), List.of(1.0, 1.2, 0.95)),
                new CustomerReplied(Events.newId(), T0, 1, APPOINTMENT, ReplyKind.RESCHEDULE, "sms", "R"),
                new NotificationSent(Events.newId(), T0, 1, APPOINTMENT, "WINDOW_NARROWED", "sms", "+34*****222",
                        "SM123", 2, T0.plusSeconds(600), T0.plusSeconds(4200)),
                new NotificationFailed(Events.newId(), T0, 1, APPOINTMENT, "ON_THE_WAY", "email", "a***@example.org",
                        "550 mailbox unavailable", 5),
                new TechnicianStatusChanged(Events.newId(), T0, 1, "tech-07", false, "root"),
                new UserAccessChanged(Events.newId(), T0, 1, "dana", true, List.of("dispatcher"), List.of("north"),
                        T0, "root"),
                new CustomerForgotten(Events.newId(), T0, 1, contact.customerId(), List.of(APPOINTMENT), "root"),
                new PortalMessage(Events.newId(), T0, 1, PortalMessage.WAITLIST_OFFER, "+34600111222", "es",
                        "Europe/Andorra", APPOINTMENT, null, "https://book.example.test/manage#tok", T0,
                        T0.plusSeconds(3600), T0.plusSeconds(900)),
                new SlotSearches(Events.newId(), T0, 1, "metro", java.time.LocalDate.of(2026, 11, 25),
                        AppointmentBooked.CHANNEL_PORTAL, 17, 2));
    }
}
