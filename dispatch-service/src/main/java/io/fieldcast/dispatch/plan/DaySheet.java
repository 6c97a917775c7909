package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.ToldWindows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The day on paper, for when the platform is down: per technician their route as the plan of record has it (the one
 * published to the phones), each stop with the customer's name and phone, the address, the job, the booked window, the
 * window the customer was told, the planned arrival and the notes with the intake answers. Visits nobody is assigned
 * to come last. A dispatcher prints it the evening before (the console's "Day sheet") and runs the day by phone from
 * it if they must.
 */
@ApplicationScoped
public class DaySheet {

    public record Sheet(String territoryId, String territoryName, String zone, LocalDate date,
                        List<TechnicianDay> technicians, List<Stop> unassigned) {
    }

    public record TechnicianDay(String technicianId, String name, String phone, List<Stop> stops) {
    }

    public record Stop(UUID appointmentId, Integer position, String status, String customerName,
                       String customerPhone, String address, String jobType, int priority, Instant windowStart,
                       Instant windowEnd, Instant toldStart, Instant toldEnd, Instant plannedArrival,
                       int durationMinutes, String notes) {
    }

    private final ToldWindows toldWindows;

    public DaySheet(ToldWindows toldWindows) {
        this.toldWindows = toldWindows;
    }

    /** The sheet of a territory-day, or of one technician of it ({@code technicianId} not null); null: no territory. */
    public Uni<Sheet> of(String territoryId, LocalDate date, String technicianId) {
        return Panache.withSession(() -> Territory.<Territory>findById(territoryId).chain(territory -> {
            if (territory == null) {
                return Uni.createFrom().nullItem();
            }
            return Appointment.<Appointment>list("territoryId = ?1 and serviceDate = ?2 and status <> ?3",
                            territoryId, date, AppointmentStatus.CANCELED)
                    .chain(appointments -> {
                        List<Appointment> mine = appointments.stream()
                                .filter(a -> technicianId == null || technicianId.equals(a.technicianId)).toList();
                        List<UUID> customerIds = mine.stream().map(a -> a.customerId).filter(Objects::nonNull)
                                .distinct().toList();
                        Uni<List<Customer>> customers = customerIds.isEmpty() ? Uni.createFrom().item(List.of())
                                : Customer.list("id in ?1", customerIds);
                        return customers.chain(cs -> Technician.<Technician>list("territoryId", territoryId)
                                .chain(techs -> toldWindows.of(mine.stream().map(a -> a.id).toList())
                                        .map(told -> build(territory, date, technicianId, mine, cs, techs, told))));
                    });
        }));
    }

    private static Sheet build(Territory territory, LocalDate date, String only, List<Appointment> appointments,
                               List<Customer> customers, List<Technician> technicians,
                               Map<UUID, ToldWindows.Told> told) {
        Map<UUID, Customer> byId = new HashMap<>();
        customers.forEach(c -> byId.put(c.id, c));
        Map<String, Technician> techs = new HashMap<>();
        technicians.forEach(t -> techs.put(t.id, t));
        Map<String, List<Appointment>> routes = new LinkedHashMap<>();
        List<Stop> unassigned = new ArrayList<>();
        appointments.stream().sorted(Comparator.comparing((Appointment a) -> a.routeSeq == null ? Integer.MAX_VALUE
                        : a.routeSeq).thenComparing(a -> a.windowStart))
                .forEach(a -> {
                    if (a.technicianId == null) {
                        unassigned.add(stop(a, null, byId.get(a.customerId), told.get(a.id)));
                    } else {
                        routes.computeIfAbsent(a.technicianId, k -> new ArrayList<>()).add(a);
                    }
                });
        List<TechnicianDay> days = new ArrayList<>();
        routes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(route -> {
            Technician t = techs.get(route.getKey());
            List<Stop> stops = new ArrayList<>();
            for (Appointment a : route.getValue()) {
                stops.add(stop(a, stops.size() + 1, byId.get(a.customerId), told.get(a.id)));
            }
            days.add(new TechnicianDay(route.getKey(), t == null ? route.getKey() : t.name,
                    t == null ? null : t.phone, stops));
        });
        if (only != null && days.isEmpty()) {
            Technician t = techs.get(only);
            days.add(new TechnicianDay(only, t == null ? only : t.name, t == null ? null : t.phone, List.of()));
        }
        return new Sheet(territory.id, territory.name, territory.timeZone, date, days,
                only == null ? unassigned : List.of());
    }

    private static Stop stop(Appointment a, Integer position, Customer c, ToldWindows.Told t) {
        return new Stop(a.id, position, a.status.name(), c == null ? null : c.name, c == null ? null : c.phone,
                a.address, a.jobType, a.priority, a.windowStart, a.windowEnd, t == null ? null : t.start(),
                t == null ? null : t.end(), a.plannedArrival, a.durationMin, a.notes);
    }
}
