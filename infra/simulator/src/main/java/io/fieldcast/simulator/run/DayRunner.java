package io.fieldcast.simulator.run;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.DispatchClient.Technician;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.api.DayPlanning;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.day.Truth;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One simulated date up to the point where phones start sending: book, plan and publish, read each technician's
 * route from their phone, live the day with {@link DayEngine}, write the truth.
 */
final class DayRunner {

    /** A technician's simulated day, ready to send. */
    record PhoneDay(MobileClient phone, TechnicianDay day, DayOutcome outcome, boolean fromPublishedRoute,
                    long planVersion) {
    }

    private final Settings settings;
    private final DispatchClient dispatch;
    private final DayPlanning planner;
    private final Booker booker;
    private final Phones phones;
    private final DayEngine engine;
    private final TruthWriter truth;
    private final Stats stats;
    private final ExecutorService pool;
    private boolean warnedNoPlanning;

    DayRunner(Settings settings, DispatchClient dispatch, DayPlanning planner, Booker booker, Phones phones,
              DayEngine engine, TruthWriter truth, Stats stats, ExecutorService pool) {
        this.settings = settings;
        this.dispatch = dispatch;
        this.planner = planner;
        this.booker = booker;
        this.phones = phones;
        this.engine = engine;
        this.truth = truth;
        this.stats = stats;
        this.pool = pool;
    }

    List<PhoneDay> prepare(Company company, LocalDate date, int dayIndex, List<String> jobTypes) throws Exception {
        List<Technician> working = company.workingOn(date, dayIndex);
        if (working.isEmpty()) {
            return List.of();
        }
        long already = dispatch.appointmentCount(company.territory.id(), date);
        if (already == 0) {
            int booked = booker.book(company, date, working.size() * settings.visitsPerTechnician(), jobTypes);
            Log.debug(date + ": booked " + booked);
        } else {
            Log.info("  " + date + ": " + already + " appointments already booked (earlier run); not booking again");
        }
        boolean published = planner.planAndPublish(company.territory.id(), date, settings.solveSeconds());
        if (!published && !warnedNoPlanning) {
            warnedNoPlanning = true;
            Log.warn("no routes published: days follow the booking's tentative plan and status taps are not sent "
                    + "(the phones have no published route); pings still flow");
        }
        Map<String, List<DispatchClient.PlannedAppointment>> tentative = published ? Map.of()
                : dispatch.day(company.territory.id(), date).stream().filter(a -> a.technicianId() != null)
                .collect(Collectors.groupingBy(DispatchClient.PlannedAppointment::technicianId));

        List<Future<PhoneDay>> futures = new ArrayList<>();
        for (Technician t : working) {
            futures.add(pool.submit(() -> dayOf(company, t, date, dayIndex, published, tentative.get(t.id()))));
        }
        List<PhoneDay> days = new ArrayList<>();
        for (Future<PhoneDay> f : futures) {
            PhoneDay d = f.get();
            if (d != null) {
                days.add(d);
            }
        }
        return days;
    }

    private PhoneDay dayOf(Company company, Technician t, LocalDate date, int dayIndex, boolean published,
                           List<DispatchClient.PlannedAppointment> tentative) throws InterruptedException {
        MobileClient phone = phones.of(t.id());
        MobileClient.Route route = published ? awaitRoute(phone, date) : null;
        TechnicianDay day = published ? fromRoute(route, company, t, date, dayIndex)
                : fromTentative(company, t, date, dayIndex, tentative);
        if (day == null || day.stops().isEmpty()) {
            return null;
        }
        DayOutcome outcome = engine.simulate(day, company.habits.get(t.id()));
        stats.routes.incrementAndGet();
        stats.visits.addAndGet(outcome.visits().size());
        stats.completed.addAndGet(outcome.visits().stream()
                .filter(v -> v.outcome() == Truth.Outcome.COMPLETED).count());
        stats.meters.addAndGet(Math.round(outcome.day().meters()));
        truth.write("day", outcome.day());
        outcome.visits().forEach(v -> truth.write("visit", v));
        return new PhoneDay(phone, day, outcome, published, route == null ? 0 : route.planVersion());
    }

    /** The published route as the phone reads it; waits a little for mobile to consume fieldcast.routes. */
    private MobileClient.Route awaitRoute(MobileClient phone, LocalDate date) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.routeWaitSeconds()).toNanos();
        MobileClient.Route route = phone.route(date);
        while (route == null && System.nanoTime() < deadline) {
            Thread.sleep(500);
            route = phone.route(date);
        }
        return route;
    }

    static TechnicianDay fromRoute(MobileClient.Route route, Company company, Technician t, LocalDate date,
                                   int dayIndex) {
        if (route == null) {
            return null;
        }
        ZonedDateTime[] shift = company.shift(t, date);
        GeoPoint home = GeoPoint.of(t.homeLat(), t.homeLon());
        return new TechnicianDay(t.id(), date, dayIndex, company.zone,
                route.shiftStart() != null ? route.shiftStart() : shift[0].toInstant(),
                route.shiftEnd() != null ? route.shiftEnd() : shift[1].toInstant(),
                route.start() != null ? route.start() : home, route.end() != null ? route.end() : home,
                route.stops());
    }

    private static TechnicianDay fromTentative(Company company, Technician t, LocalDate date, int dayIndex,
                                               List<DispatchClient.PlannedAppointment> tentative) {
        if (tentative == null) {
            return null;
        }
        List<PlannedStop> stops = tentative.stream()
                .filter(a -> !"CANCELED".equals(a.status()))
                .sorted(Comparator.comparing((DispatchClient.PlannedAppointment a) ->
                        a.routeSeq() == null ? Integer.MAX_VALUE : a.routeSeq()))
                .map(a -> new PlannedStop(a.id(), a.routeSeq() == null ? 0 : a.routeSeq(), a.jobType(),
                        GeoPoint.of(a.lat(), a.lon()), a.windowStart(), a.windowEnd(), a.plannedArrival(),
                        a.durationMinutes()))
                .toList();
        ZonedDateTime[] shift = company.shift(t, date);
        GeoPoint home = GeoPoint.of(t.homeLat(), t.homeLon());
        return new TechnicianDay(t.id(), date, dayIndex, company.zone, shift[0].toInstant(), shift[1].toInstant(),
                home, home, stops);
    }
}
