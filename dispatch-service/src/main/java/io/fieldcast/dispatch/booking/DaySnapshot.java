package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.LearnedTravelFactor;
import io.fieldcast.dispatch.domain.Shift;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.TechnicianAbsence;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.solver.TravelFactor;
import io.fieldcast.roadnetwork.GeoPoint;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Everything booking needs about one territory-day, read in one go. */
public record DaySnapshot(Territory territory, LocalDate date, List<Technician> technicians,
                          List<TechnicianAbsence> absences, List<Appointment> openAppointments,
                          List<LearnedDuration> learned, List<LearnedTravelFactor> travelFactors) {

    /** A day with no learned travel factors: every leg as mapped. */
    public DaySnapshot(Territory territory, LocalDate date, List<Technician> technicians,
                       List<TechnicianAbsence> absences, List<Appointment> openAppointments,
                       List<LearnedDuration> learned) {
        this(territory, date, technicians, absences, openAppointments, learned, List.of());
    }

    /** The technician's learned travel factor by local hour, empty when none was learned. */
    public List<Double> travelFactorByHour(String technicianId) {
        return travelFactors.stream().filter(f -> f.technicianId.equals(technicianId)).findFirst()
                .map(LearnedTravelFactor::factors).orElse(List.of());
    }

    /** The technicians working that day with their stops in planned order, minus {@code exclude} (if any). */
    public List<TechDay> techDays(UUID exclude) {
        Map<String, List<Appointment>> byTech = openAppointments.stream()
                .filter(a -> a.technicianId != null && !a.id.equals(exclude))
                .collect(Collectors.groupingBy(a -> a.technicianId));
        List<TechDay> days = new ArrayList<>();
        for (Technician tech : technicians) {
            var absent = absences.stream().filter(a -> a.technicianId.equals(tech.id)).toList();
            Shift.on(tech, absent, date, territory.zone()).ifPresent(shift -> days.add(new TechDay(tech.id,
                    new GeoPoint(tech.homeLat, tech.homeLon), shift.start(), shift.end(), tech.breakMinutes,
                    tech.skillMap(), stops(byTech.getOrDefault(tech.id, List.of())), learnedMinutes(tech.id),
                    TravelFactor.byLocalHour(travelFactorByHour(tech.id), shift.start(), territory.zone()),
                    shift.start())));
        }
        return days;
    }

    private Map<String, Integer> learnedMinutes(String technicianId) {
        return learned.stream().filter(d -> d.id.technicianId().equals(technicianId))
                .collect(Collectors.toMap(d -> d.id.jobType(), d -> Math.round(d.p50Min)));
    }

    private static List<Stop> stops(List<Appointment> appointments) {
        return appointments.stream()
                .sorted(Comparator.comparing((Appointment a) -> a.routeSeq == null ? Integer.MAX_VALUE : a.routeSeq))
                .map(a -> new Stop(a.id, new GeoPoint(a.lat, a.lon), a.windowStart, a.windowEnd, a.durationMin))
                .toList();
    }
}
