package io.fieldcast.bench.ops;

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
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A company's history as the platform publishes it: per working day (Monday to Friday, UTC) and technician a route of
 * 5-8 visits in 4-hour windows, each booked 1-14 days ahead (30 % on the portal), some rescheduled (by the customer
 * or a dispatcher), changed or canceled (some late), the route re-sent for a third of the days, the phone's arrival and
 * finish taps (5 % nobody home), and the texts (a confirmation, the narrowed window, some failed). It counts what the
 * read model must show once every event is applied.
 */
final class OpsHistory {

    static final int TERRITORIES = 5;

    /** What the operations report must count over the whole range once the history is consumed. */
    static final class Expected {
        int appointments;
        int arrivals;
        int textsOnVisits;
        double shiftMinutes;
        long events;
    }

    private final Random random;
    private final int technicians;
    private final LocalDate from;
    private final LocalDate to;
    final Expected expected = new Expected();

    OpsHistory(long seed, int technicians, LocalDate from, LocalDate to) {
        this.random = new Random(seed);
        this.technicians = technicians;
        this.from = from;
        this.to = to;
    }

    static String territory(int tech) {
        return "bench-" + (tech % TERRITORIES + 1);
    }

    static String technician(int tech) {
        return String.format("bench-tech-%02d", tech + 1);
    }

    /** Every event of {@code day} for every technician, handed to {@code sink} in the order they would happen. */
    void day(LocalDate day, Consumer<FieldcastEvent> sink) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return;
        }
        for (int t = 0; t < technicians; t++) {
            techDay(t, day, e -> {
                expected.events++;
                sink.accept(e);
            });
        }
    }

    private void techDay(int tech, LocalDate day, Consumer<FieldcastEvent> sink) {
        String territory = territory(tech);
        GeoPosition home = new GeoPosition(42.40 + 0.05 * (tech % TERRITORIES), 1.40 + 0.002 * tech);
        Instant shiftStart = at(day, 8, 0);
        Instant shiftEnd = at(day, 16, 30);
        expected.shiftMinutes += 510;
        Instant clock = shiftStart;
        List<PlannedVisit> visits = new ArrayList<>();
        List<Runnable> taps = new ArrayList<>();
        int n = 5 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            boolean morning = i < n / 2;
            Instant windowStart = at(day, morning ? 8 : 12, 0);
            Instant windowEnd = windowStart.plus(Duration.ofHours(4));
            GeoPosition place = new GeoPosition(home.lat() + random.nextGaussian() * 0.02,
                    home.lon() + random.nextGaussian() * 0.02);
            Instant bookedAt = windowStart.minus(Duration.ofHours(24L * (1 + random.nextInt(14)) + random.nextInt(10)));
            sink.accept(new AppointmentBooked(Events.newId(), bookedAt, AppointmentBooked.SCHEMA_VERSION, id, territory,
                    "UTC", "REPAIR", null, "bench", place, windowStart, windowEnd, 1, null, null,
                    random.nextDouble() < 0.3 ? AppointmentBooked.CHANNEL_PORTAL : AppointmentBooked.CHANNEL_CONSOLE));
            expected.appointments++;
            if (random.nextDouble() < 0.05) {
                // Canceled, 40 % of them less than a day ahead; never planned.
                Instant when = windowStart.minus(Duration.ofHours(random.nextDouble() < 0.4 ? 3 : 72));
                sink.accept(new AppointmentCanceled(Events.newId(), when.isBefore(bookedAt) ? bookedAt : when, 1, id,
                        random.nextDouble() < 0.7 ? AppointmentEvent.BY_CUSTOMER : AppointmentEvent.BY_DISPATCHER,
                        "bench"));
                continue;
            }
            changes(id, bookedAt, windowStart, windowEnd, sink);
            int duration = 30 + random.nextInt(61);
            Instant arrival = clock.plus(Duration.ofMinutes(10 + random.nextInt(16)));
            Instant start = arrival.isBefore(windowStart) ? windowStart : arrival;
            clock = start.plus(Duration.ofMinutes(duration));
            visits.add(new PlannedVisit(id, visits.size(), "REPAIR", "Ana", "bench", place, null, windowStart,
                    windowEnd, arrival, duration, false));
            texts(id, bookedAt, arrival, sink);
            Instant real = arrival.plus(Duration.ofMinutes(random.nextInt(50) - 10));
            boolean notHome = random.nextDouble() < 0.05;
            Instant done = notHome ? real.plus(Duration.ofMinutes(10)) : real.plus(Duration.ofMinutes(duration));
            taps.add(() -> {
                sink.accept(tap(tech, id, VisitStatus.ARRIVED, real, null));
                sink.accept(tap(tech, id, notHome ? VisitStatus.CANNOT_COMPLETE : VisitStatus.COMPLETED, done,
                        notHome ? "CUSTOMER_NOT_HOME" : null));
            });
            expected.arrivals++;
        }
        Instant planned = at(day.minusDays(1), 18, 0);
        sink.accept(route(tech, territory, day, 1, planned, home, shiftStart, shiftEnd, visits));
        if (random.nextDouble() < 0.3) {
            sink.accept(route(tech, territory, day, 2, planned.plus(Duration.ofHours(14)), home, shiftStart, shiftEnd,
                    visits));
        }
        taps.forEach(Runnable::run);
    }

    /** Reschedules (within the day) and changes of what was booked, by the customer or a dispatcher. */
    private void changes(UUID id, Instant bookedAt, Instant windowStart, Instant windowEnd,
                         Consumer<FieldcastEvent> sink) {
        if (random.nextDouble() < 0.08) {
            sink.accept(new AppointmentRescheduled(Events.newId(), bookedAt.plus(Duration.ofHours(2)),
                    AppointmentRescheduled.SCHEMA_VERSION, id, windowStart.plus(Duration.ofHours(1)),
                    windowEnd.plus(Duration.ofHours(1)), windowStart, windowEnd, "bench", null,
                    random.nextDouble() < 0.6 ? AppointmentEvent.BY_CUSTOMER : AppointmentEvent.BY_DISPATCHER));
        }
        if (random.nextDouble() < 0.04) {
            sink.accept(new AppointmentUpdated(Events.newId(), bookedAt.plus(Duration.ofHours(3)),
                    AppointmentUpdated.SCHEMA_VERSION, id, "REPAIR", 2, "bench", AppointmentEvent.BY_DISPATCHER));
        }
    }

    private void texts(UUID id, Instant bookedAt, Instant arrival, Consumer<FieldcastEvent> sink) {
        sink.accept(new NotificationSent(Events.newId(), bookedAt.plusSeconds(5), 1, id, "CONFIRMATION", "sms",
                "+34*****0", "SM", 0, null, null));
        Instant told = arrival.minus(Duration.ofMinutes(20 + random.nextInt(20)));
        sink.accept(new NotificationSent(Events.newId(), arrival.minus(Duration.ofHours(2)), 1, id,
                "WINDOW_NARROWED", "sms", "+34*****0", "SM", 1, told, told.plus(Duration.ofHours(1))));
        expected.textsOnVisits += 2;
        if (random.nextDouble() < 0.03) {
            sink.accept(new NotificationFailed(Events.newId(), arrival.minus(Duration.ofMinutes(30)), 1, id,
                    "ON_THE_WAY", "sms", "+34*****0", "bench", 5));
        }
    }

    private static RoutePlanned route(int tech, String territory, LocalDate day, long version, Instant when,
                                      GeoPosition home, Instant shiftStart, Instant shiftEnd,
                                      List<PlannedVisit> visits) {
        return new RoutePlanned(Events.newId(), when, RoutePlanned.SCHEMA_VERSION, technician(tech), territory, day,
                version, home, home, shiftStart, shiftEnd, visits);
    }

    private static VisitStatusChanged tap(int tech, UUID id, VisitStatus status, Instant when, String reason) {
        return new VisitStatusChanged(Events.newId(), when, 1, technician(tech), id, status, reason, null, when, when,
                "bench");
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    LocalDate from() {
        return from;
    }

    LocalDate to() {
        return to;
    }
}
