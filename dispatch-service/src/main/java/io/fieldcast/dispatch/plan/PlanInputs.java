package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.Shift;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.WindowProfile;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.persistence.ToldWindows;
import io.fieldcast.roadnetwork.GeoPoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a territory-day from the database into a {@link PlanInput}. */
@ApplicationScoped
public class PlanInputs {

    private final DayLoader days;
    private final ToldWindows toldWindows;
    private final PlanSettings settings;

    public PlanInputs(DayLoader days, ToldWindows toldWindows, PlanSettings settings) {
        this.days = days;
        this.toldWindows = toldWindows;
        this.settings = settings;
    }

    /**
     * Runs inside the caller's session. {@code running}: the day is under way (a re-plan), so eta-service's latest
     * forecasts are read too (planning ahead, and the timeline's view of the plan, use none).
     */
    public Uni<Loaded> load(String territoryId, LocalDate date, boolean running) {
        return days.load(territoryId, date).chain(day -> JobType.<JobType>listAll()
                .chain(types -> toldWindows.committed(day.openAppointments().stream().map(a -> a.id).toList())
                        .chain(told -> forecasts(day, running)
                                .map(forecast -> new Loaded(day, toInput(day, types, told, forecast), told)))));
    }

    /** eta-service's latest forecast of each open visit on a route, by appointment (none unless {@code running}). */
    private static Uni<Map<UUID, LatestForecast>> forecasts(DaySnapshot day, boolean running) {
        List<UUID> ids = day.openAppointments().stream().filter(a -> a.technicianId != null).map(a -> a.id).toList();
        if (!running || ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return LatestForecast.<LatestForecast>list("appointmentId in ?1", ids).map(list -> {
            Map<UUID, LatestForecast> byId = new HashMap<>();
            list.forEach(f -> byId.put(f.appointmentId, f));
            return byId;
        });
    }

    /** The snapshot (for publishing against), the solver's view of it, and the windows customers were told. */
    public record Loaded(DaySnapshot day, PlanInput input, Map<UUID, ToldWindows.Told> told) {
    }

    PlanInput toInput(DaySnapshot day, List<JobType> types, Map<UUID, ToldWindows.Told> told,
                      Map<UUID, LatestForecast> forecasts) {
        Map<String, JobType> jobTypes = new HashMap<>();
        types.forEach(t -> jobTypes.put(t.code, t));
        List<PlanInput.ShiftInput> shifts = new ArrayList<>();
        for (Technician tech : day.technicians()) {
            var absent = day.absences().stream().filter(a -> a.technicianId.equals(tech.id)).toList();
            Shift.on(tech, absent, day.date(), day.territory().zone()).ifPresent(shift ->
                    shifts.add(shift(day, tech, shift)));
        }
        List<PlanInput.VisitInput> visits = new ArrayList<>();
        for (Appointment a : day.openAppointments()) {
            JobType type = jobTypes.get(a.jobType);
            int minutes = type == null ? a.durationMin : type.defaultDurationMin;
            boolean started = a.status == AppointmentStatus.EN_ROUTE || a.status == AppointmentStatus.ON_SITE;
            ToldWindows.Told t = toldOn(day, told.get(a.id));
            // A forecast made for another technician's route says nothing about this one.
            LatestForecast f = forecasts.get(a.id);
            Instant forecastArrival = f != null && a.technicianId != null && a.technicianId.equals(f.technicianId)
                    ? f.p50Arrival : null;
            visits.add(new PlanInput.VisitInput(a.id, new GeoPoint(a.lat, a.lon), a.windowStart, a.windowEnd,
                    a.jobType, minutes, type == null ? Map.of() : type.requiredSkillMap(), a.priority,
                    a.technicianId, a.routeSeq, a.pinned, started,
                    a.plannedArrival, a.actualArrival, t == null ? null : t.start(), t == null ? null : t.end(),
                    forecastArrival));
        }
        return new PlanInput(day.territory().id, day.date(), day.territory().zone(), shifts, visits);
    }

    /** A window told for another day does not bind this one ({@link ToldWindows.Told#on}). */
    private static ToldWindows.Told toldOn(DaySnapshot day, ToldWindows.Told told) {
        return told != null && told.on(day.date(), day.territory().zone()) ? told : null;
    }

    private PlanInput.ShiftInput shift(DaySnapshot day, Technician tech, Shift shift) {
        Instant breakEarliest = null;
        Instant breakLatest = null;
        if (tech.breakMinutes > 0 && tech.breakWindow != null && !tech.breakWindow.isBlank()) {
            var range = WindowProfile.LocalRange.parse(tech.breakWindow);
            breakEarliest = range.startOn(day.date(), day.territory().zone());
            // The whole break must fit inside the window: it starts at the latest one break before the end.
            breakLatest = range.endOn(day.date(), day.territory().zone()).minusSeconds(tech.breakMinutes * 60L);
        }
        Map<String, int[]> learned = new HashMap<>();
        for (LearnedDuration d : day.learned()) {
            if (d.id.technicianId().equals(tech.id)) {
                learned.put(d.id.jobType(), new int[] {Math.round(d.p50Min), Math.round(d.p90Min)});
            }
        }
        return new PlanInput.ShiftInput(tech.id, tech.name, new GeoPoint(tech.homeLat, tech.homeLon), shift.start(),
                shift.end(), shift.end().plus(settings.maxOvertime()), tech.skillMap(), breakEarliest, breakLatest,
                tech.breakMinutes, learned, day.travelFactorByHour(tech.id));
    }
}
