package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.LearnedTravelFactor;
import io.fieldcast.dispatch.domain.Shift;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.TechnicianAbsence;
import io.fieldcast.dispatch.domain.Territory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Everything booking and planning need about one territory-day, read in one go. */
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

    /** The technician's shift that day; empty when they do not work it (no hours, inactive or absent). */
    public Optional<Shift> shiftOf(Technician tech) {
        var absent = absences.stream().filter(a -> a.technicianId.equals(tech.id)).toList();
        return Shift.on(tech, absent, date, territory.zone());
    }

    /** True when one of the day's technicians has a shift that day. */
    public boolean works(String technicianId) {
        return technicians.stream().anyMatch(t -> t.id.equals(technicianId) && shiftOf(t).isPresent());
    }
}
