package io.fieldcast.mobile.route;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the phone shows of a day: visits in driving order, each with its current status. */
public record RouteView(String technicianId, LocalDate date, long planVersion, Instant shiftStart,
                        Instant shiftEnd, GeoPosition start, GeoPosition end, List<Visit> visits) {

    /**
     * One stop. {@code status} is PLANNED until the technician taps something; {@code customerPhone} is null when
     * dispatch did not send one (plans published before 0.1.2). {@code toldWindowStart/End} is the window the
     * customer was last told (null until told): the technician does not ring before its start.
     */
    public record Visit(UUID appointmentId, int sequence, String customerFirstName, String customerPhone,
                        String address, GeoPosition location, String jobType, String notes, Instant windowStart,
                        Instant windowEnd, Instant plannedArrival, int plannedDurationMinutes, String status,
                        Instant toldWindowStart, Instant toldWindowEnd) {
    }

    /** {@code canceled}: appointments canceled since the route was planned; they are not shown. */
    static RouteView of(RoutePlanned route, Map<UUID, String> statuses, Map<UUID, ToldWindows.Told> told,
                        Set<UUID> canceled) {
        List<Visit> visits = route.visits().stream()
                .filter(v -> !canceled.contains(v.appointmentId()))
                .sorted(Comparator.comparingInt(PlannedVisit::sequence))
                .map(v -> {
                    ToldWindows.Told t = told.get(v.appointmentId());
                    return new Visit(v.appointmentId(), v.sequence(), v.customerFirstName(), v.customerPhone(),
                            v.address(), v.location(), v.jobType(), v.notes(), v.windowStart(), v.windowEnd(),
                            v.plannedArrival(), v.plannedDurationMinutes(),
                            statuses.getOrDefault(v.appointmentId(), "PLANNED"),
                            t == null ? null : t.start(), t == null ? null : t.end());
                })
                .toList();
        return new RouteView(route.technicianId(), route.date(), route.planVersion(), route.shiftStart(),
                route.shiftEnd(), route.start(), route.end(), visits);
    }
}
