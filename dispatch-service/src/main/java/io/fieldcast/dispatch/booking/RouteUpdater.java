package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.roadnetwork.GeoPoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the current plan (technician, position, planned arrival on each appointment) consistent when a visit
 * enters or leaves a technician's day. Works on entities managed by the caller's transaction.
 */
@ApplicationScoped
public class RouteUpdater {

    private final Roads roads;

    public RouteUpdater(Roads roads) {
        this.roads = roads;
    }

    /** Puts {@code a} into the day at the insertion's technician and position, renumbering that day. */
    public Uni<Void> placeInto(DaySnapshot day, Appointment a, Insertion insertion) {
        TechDay tech = TechDays.of(day, a.id).stream()
                .filter(t -> t.technicianId().equals(insertion.technicianId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("technician left the day: " + insertion.technicianId()));
        a.durationMin = insertion.durationMinutes();
        List<Stop> stops = new ArrayList<>(tech.stops());
        stops.add(insertion.position(), new Stop(a.id, new GeoPoint(a.lat, a.lon), a.windowStart, a.windowEnd,
                a.durationMin));
        Map<UUID, Appointment> byId = byId(day, a);
        renumber(tech, stops, byId);
        return Uni.createFrom().voidItem();
    }

    /** Takes {@code a} out of its technician's day and renumbers what remains. */
    public Uni<Void> removeFrom(DaySnapshot day, Appointment a) {
        String techId = a.technicianId;
        a.technicianId = null;
        a.routeSeq = null;
        a.plannedArrival = null;
        if (techId == null) {
            return Uni.createFrom().voidItem();
        }
        TechDays.of(day, a.id).stream().filter(t -> t.technicianId().equals(techId)).findFirst()
                .ifPresent(tech -> renumber(tech, tech.stops(), byId(day, a)));
        return Uni.createFrom().voidItem();
    }

    private void renumber(TechDay tech, List<Stop> stops, Map<UUID, Appointment> byId) {
        Instant[] arrivals = InsertionEngine.plannedArrivals(tech, stops, roads).orElse(new Instant[stops.size()]);
        for (int i = 0; i < stops.size(); i++) {
            Appointment appointment = byId.get(stops.get(i).appointmentId());
            appointment.technicianId = tech.technicianId();
            appointment.routeSeq = i;
            if (arrivals[i] != null) {
                appointment.plannedArrival = arrivals[i];
            }
        }
    }

    private static Map<UUID, Appointment> byId(DaySnapshot day, Appointment a) {
        Map<UUID, Appointment> byId = new HashMap<>();
        day.openAppointments().forEach(x -> byId.put(x.id, x));
        byId.put(a.id, a);
        return byId;
    }
}
