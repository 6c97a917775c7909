package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.config.BookingSettings;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offers the arrival windows the current plans can really absorb: for each day and window of the territory's
 * profile, the cheapest feasible insertion with a share of each shift kept for emergencies. Blocking: call
 * from a worker thread.
 */
@ApplicationScoped
public class SlotFinder {

    private static final int MAX_RECENT_DAYS = 2_000;

    private final Roads roads;
    private final DayLoader days;
    private final Clock clock;
    private final BookingSettings settings;

    /** Days read for slot searches a moment ago, by territory and date (see {@link #recentDay}). */
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();

    private record Recent(DaySnapshot day, long readAtNanos) {
    }

    public SlotFinder(Roads roads, DayLoader days, Clock clock, BookingSettings settings) {
        this.roads = roads;
        this.days = days;
        this.clock = clock;
        this.settings = settings;
    }

    /** Slots from {@code from} to {@code to} (inclusive), most comfortable first. */
    public List<Slot> find(double lat, double lon, String jobTypeCode, LocalDate from, LocalDate to,
                           String territoryId) {
        if (to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= settings.maxSlotDays()) {
            throw ApiException.badRequest("to", "at most " + settings.maxSlotDays() + " days per query");
        }
        JobType jobType = jobType(jobTypeCode);
        Territory territory = territory(territoryId, lat, lon);
        GeoPoint point = roads.snap(lat, lon, "lat");
        Instant earliest = clock.instant().plus(settings.minLeadTime());
        List<Slot> slots = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            LocalDate day = date;
            DaySnapshot snapshot = recentDay(territory.id, day);
            List<TechDay> techDays = candidates(snapshot, point, null);
            prefetch(techDays, point);
            for (var window : territory.windows().windows()) {
                Instant start = window.startOn(date, territory.zone());
                if (start.isBefore(earliest)) {
                    continue;
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

    /**
     * The day as a slot search sees it: read again when older than {@code fieldcast.booking.slot-day-ttl} (1 s), or
     * when this instance changed it since ({@link #forget}). Fifty customers searching a week at once read each day a
     * few times a second instead of fifty times; an offer a moment stale costs nothing, as the booking checks again
     * under the day's lock (a 409 with other windows).
     */
    DaySnapshot recentDay(String territoryId, LocalDate date) {
        String key = territoryId + "|" + date;
        long now = System.nanoTime();
        Recent known = recent.get(key);
        if (known != null && now - known.readAtNanos() < settings.slotDayTtl().toNanos()) {
            return known.day();
        }
        DaySnapshot day = Reactive.inSession(() -> days.load(territoryId, date));
        if (recent.size() > MAX_RECENT_DAYS) {
            recent.clear();
        }
        recent.put(key, new Recent(day, now));
        return day;
    }

    /** This instance changed the day (booked, moved, canceled): the next search reads it again. */
    public void forget(String territoryId, LocalDate date) {
        recent.remove(territoryId + "|" + date);
    }

    /** The technicians of the day worth trying for a visit at {@code point} (see {@link Candidates}). */
    public List<TechDay> candidates(DaySnapshot snapshot, GeoPoint point, UUID exclude) {
        return Candidates.nearest(TechDays.of(snapshot, exclude), point, settings.candidateTechnicians());
    }

    /** Makes sure the legs the insertion will look at are in the travel cache. */
    public void prefetch(String territoryId, LocalDate date, GeoPoint point) {
        DaySnapshot snapshot = recentDay(territoryId, date);
        prefetch(candidates(snapshot, point, null), point);
    }

    private void prefetch(List<TechDay> techDays, GeoPoint point) {
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
