package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.solver.TravelFactor;
import io.fieldcast.roadnetwork.GeoPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A territory-day as booking sees it: one {@link TechDay} per technician working it. */
final class TechDays {

    private TechDays() {
    }

    /** The technicians working that day with their stops in planned order, minus {@code exclude} (if any). */
    static List<TechDay> of(DaySnapshot day, UUID exclude) {
        Map<String, List<Appointment>> byTech = day.openAppointments().stream()
                .filter(a -> a.technicianId != null && !a.id.equals(exclude))
                .collect(Collectors.groupingBy(a -> a.technicianId));
        List<TechDay> days = new ArrayList<>();
        for (Technician tech : day.technicians()) {
            day.shiftOf(tech).ifPresent(shift -> days.add(new TechDay(tech.id,
                    new GeoPoint(tech.homeLat, tech.homeLon), shift.start(), shift.end(), tech.breakMinutes,
                    tech.skillMap(), stops(byTech.getOrDefault(tech.id, List.of())), learnedMinutes(day, tech.id),
                    TravelFactor.byLocalHour(day.travelFactorByHour(tech.id), shift.start(), day.territory().zone()),
                    shift.start())));
        }
        return days;
    }

    private static Map<String, Integer> learnedMinutes(DaySnapshot day, String technicianId) {
        return day.learned().stream().filter(d -> d.id.technicianId().equals(technicianId))
                .collect(Collectors.toMap(d -> d.id.jobType(), d -> Math.round(d.p50Min)));
    }

    private static List<Stop> stops(List<Appointment> appointments) {
        return appointments.stream()
                .sorted(Comparator.comparing((Appointment a) -> a.routeSeq == null ? Integer.MAX_VALUE : a.routeSeq))
                .map(a -> new Stop(a.id, new GeoPoint(a.lat, a.lon), a.windowStart, a.windowEnd, a.durationMin))
                .toList();
    }
}
