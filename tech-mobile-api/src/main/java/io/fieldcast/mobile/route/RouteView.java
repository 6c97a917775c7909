package io.fieldcast.mobile.route;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;

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
     * {@code timeLeftAskedAt}: while the visit is on site (ARRIVED), when the technician was last asked how long is
     * left, as long as no word of the time left said at or after it answered; otherwise null.
     */
    public record Visit(UUID appointmentId, int sequence, String customerFirstName, String customerPhone,
                        String address, GeoPosition location, String jobType, String notes, Instant windowStart,
                        Instant windowEnd, Instant plannedArrival, int plannedDurationMinutes, String status,
                        Instant toldWindowStart, Instant toldWindowEnd, Instant timeLeftAskedAt) {
    }

    /**
     * {@code canceled}: appointments canceled since the route was planned; they are not shown. {@code asks}: the open
     * asks of time left by appointment ({@link TimeLeftAsks#open}), shown on a visit only while it is on site.
     */
    static RouteView of(RoutePlanned route, Map<UUID, String> statuses, Map<UUID, ToldWindows.Told> told,
                        Set<UUID> canceled, Map<UUID, Instant> asks) {
        List<Visit> visits = route.visits().stream()
                .filter(v -> !canceled.contains(v.appointmentId()))
                .sorted(Comparator.comparingInt(PlannedVisit::sequence))
                .map(v -> {
                    ToldWindows.Told t = told.get(v.appointmentId());
                    String status = statuses.getOrDefault(v.appointmentId(), "PLANNED");
                    return new Visit(v.appointmentId(), v.sequence(), v.customerFirstName(), v.customerPhone(),
                            v.address(), v.location(), v.jobType(), v.notes(), v.windowStart(), v.windowEnd(),
                            v.plannedArrival(), v.plannedDurationMinutes(), status,
                            t == null ? null : t.start(), t == null ? null : t.end(),
                            VisitStatus.ARRIVED.name().equals(status) ? asks.get(v.appointmentId()) : null);
                })
                .toList();
        return new RouteView(route.technicianId(), route.date(), route.planVersion(), route.shiftStart(),
                route.shiftEnd(), route.start(), route.end(), visits);
    }
}
