package io.fieldcast.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A technician's working hours on one date: the weekly pattern, unless an absence covers the day. */
public record Shift(Instant start, Instant end) {

    public static Optional<Shift> on(Technician technician, List<TechnicianAbsence> absences, LocalDate date,
                                     ZoneId zone) {
        if (!technician.active || absences.stream().anyMatch(a -> a.covers(date))) {
            return Optional.empty();
        }
        String hours = technician.shiftMap().get(date.getDayOfWeek().name());
        if (hours == null || hours.isBlank()) {
            return Optional.empty();
        }
        WindowProfile.LocalRange range = WindowProfile.LocalRange.parse(hours);
        return Optional.of(new Shift(range.startOn(date, zone), range.endOn(date, zone)));
    }
}
