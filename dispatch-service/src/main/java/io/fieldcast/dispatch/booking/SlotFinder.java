package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.config.BookingSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.roadnetwork.GeoPoint;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Offers the arrival windows the current plans can really absorb: for each day and window of the territory's
 * profile, the cheapest feasible insertion with a share of each shift kept for emergencies. Blocking: call
 * from a worker thread.
 */
@ApplicationScoped
public class SlotFinder {

    private final Roads roads;
    private final DayLoader loader;
    private final Clock clock;
    private final BookingSettings settings;
    private final SearchDays days;

    public SlotFinder(Roads roads, DayLoader loader, Clock clock, BookingSettings settings) {
        this.roads = roads;
        this.loader = loader;
        this.clock = clock;
        this.settings = settings;
        this.days = new SearchDays(settings.slotDayTtl(), System::nanoTime);
    }

    /** Slots from {@code from} to {@code to} (inclusive), most comfortable first. */
    public List<Slot> find(double lat, double lon, String jobTypeCode, LocalDate from, LocalDate to,
                           String territoryId) {
        return find(lat, lon, jobType(jobTypeCode), territory(territoryId, lat, lon), from, to, null);
    }

    /**
     * The same for a job type and territory the caller has read already, only for windows starting before
     * {@code before} when it is given (the waitlist looks for earlier windows only).
     */
    public List<Slot> find(double lat, double lon, JobType jobType, Territory territory, LocalDate from, LocalDate to,
                           Instant before) {
        if (to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= settings.maxSlotDays()) {
            throw ApiException.badRequest("to", "at most " + settings.maxSlotDays() + " days per query");
        }
        GeoPoint point = roads.snap(lat, lon, "lat");
        Instant earliest = clock.instant().plus(settings.minLeadTime());
        List<Slot> slots = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            LocalDate day = date;
            List<TechDay> working = recentDay(territory.id, day).techDays();
            if (working.isEmpty()) {
                continue; // nobody works that day
            }
            List<TechDay> techDays = Candidates.nearest(working, point, settings.candidateTechnicians());
            boolean prefetched = false;
            for (var window : territory.windows().windows()) {
                Instant start = window.startOn(date, territory.zone());
                if (start.isBefore(earliest) || (before != null && !start.isBefore(before))) {
                    continue;
                }
                if (!prefetched) {
                    prefetch(techDays, point);
                    prefetched = true;
                }
                VisitRequest visit = new VisitRequest(point, jobType.code, jobType.defaultDurationMin, start,
                        window.endOn(date, territory.zone()), jobType.requiredSkillMap());
                InsertionEngine.best(techDays, visit, territory.emergencyReservePct / 100.0, roads)
                        .ifPresent(i -> slots.add(new Slot(day, visit.windowStart(), visit.windowEnd(),
                                i.comfortScore(), i.technicianId(), i.addedTravelSeconds())));
            }
        }
        slots.sort(Comparator.comparingDouble(Slot::score).reversed().thenComparing(Slot::windowStart));
        return slots;
    }

    /** The day as a slot search sees it (see {@link SearchDays}). */
    SearchDays.Day recentDay(String territoryId, LocalDate date) {
        return days.get(territoryId, date, () -> Reactive.inSession(() -> loader.load(territoryId, date)));
    }

    /** This instance changed the day (booked, moved, canceled): the next search reads it again. */
    public void forget(String territoryId, LocalDate date) {
        days.forget(territoryId, date);
    }

    /**
     * This instance changed {@code changed} in the day it read under the day's lock, and committed: searches go on from
     * the day as the change left it, with no new read. Call while still holding the day's {@link DayGate}.
     */
    public void changed(DaySnapshot read, Appointment changed) {
        days.put(read.territory().id, read.date(), SearchDays.after(read, changed));
    }

    /** The technicians of the day worth trying for a visit at {@code point} (see {@link Candidates}). */
    public List<TechDay> candidates(DaySnapshot snapshot, GeoPoint point, UUID exclude) {
        return Candidates.nearest(TechDays.of(snapshot, exclude), point, settings.candidateTechnicians());
    }

    /** Makes sure the legs the insertion will look at are in the travel cache. */
    public void prefetch(String territoryId, LocalDate date, GeoPoint point) {
        prefetch(Candidates.nearest(recentDay(territoryId, date).techDays(), point, settings.candidateTechnicians()),
                point);
    }

    void prefetch(List<TechDay> techDays, GeoPoint point) {
        roads.prefetchAround(point, Candidates.places(techDays));
        for (TechDay tech : techDays) {
            List<GeoPoint> route = new ArrayList<>();
            route.add(tech.home());
            tech.stops().forEach(s -> route.add(s.point()));
            roads.prefetch(route, route);
        }
    }

    public JobType jobType(String code) {
        JobType jobType = Reactive.inSession(() -> JobType.<JobType>findById(code));
        if (jobType == null) {
            throw ApiException.badRequest("jobType", "unknown job type '" + code + "'");
        }
        return jobType;
    }

    /** The named territory, or the nearest one whose radius covers the point. */
    public Territory territory(String id, double lat, double lon) {
        if (id != null && !id.isBlank()) {
            Territory t = Reactive.inSession(() -> Territory.<Territory>findById(id));
            if (t == null) {
                throw ApiException.badRequest("territoryId", "unknown territory '" + id + "'");
            }
            return t;
        }
        List<Territory> all = Reactive.inSession(() -> Territory.<Territory>listAll());
        Optional<Territory> nearest = all.stream().filter(t -> t.distanceKm(lat, lon) <= t.radiusKm)
                .min(Comparator.comparingDouble(t -> t.distanceKm(lat, lon)));
        return nearest.orElseThrow(() -> ApiException.badRequest("lat", "the address is outside every territory"));
    }
}
