package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.ApiCallException;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.DispatchClient.Technician;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.HabitsFactory;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated workforce: one territory's technicians as dispatch knows them, each with hidden habits. With a
 * limit, the first N (by id) are simulated and the rest are marked absent for the simulated days, so dispatch assigns
 * nothing to people who will never drive.
 */
final class Company {

    final DispatchClient.Territory territory;
    final ZoneId zone;
    final List<Technician> simulated;
    final List<Technician> idle;
    final Map<String, Habits> habits = new LinkedHashMap<>();

    private Company(DispatchClient.Territory territory, List<Technician> simulated, List<Technician> idle,
                    HabitsFactory factory, int days) {
        this.territory = territory;
        this.zone = ZoneId.of(territory.timeZone());
        this.simulated = simulated;
        this.idle = idle;
        simulated.forEach(t -> habits.put(t.id(), factory.habitsOf(t.id(), days)));
    }

    static Company load(DispatchClient dispatch, String territoryId, int limit, HabitsFactory factory, int days) {
        var territory = dispatch.territories().stream()
                .filter(t -> territoryId == null || t.id().equals(territoryId)).findFirst()
                .orElseThrow(() -> new IllegalStateException(territoryId == null
                        ? "dispatch has no territory: start it with FIELDCAST_SEED_COMPANY=classpath:seed/demo-company.json"
                        : "dispatch has no territory " + territoryId));
        List<Technician> all = new ArrayList<>(dispatch.technicians(territory.id()).stream()
                .filter(Technician::active).toList());
        all.sort(Comparator.comparing(Technician::id));
        if (all.isEmpty()) {
            throw new IllegalStateException("territory " + territory.id() + " has no active technicians");
        }
        int n = limit <= 0 ? all.size() : Math.min(limit, all.size());
        return new Company(territory, List.copyOf(all.subList(0, n)), List.copyOf(all.subList(n, all.size())),
                factory, days);
    }

    /** Whether {@code t} works on that date: a shift on that weekday, and already hired. */
    boolean works(Technician t, LocalDate date, int dayIndex) {
        return shift(t, date) != null && habits.get(t.id()).worksOn(dayIndex);
    }

    /** The shift of that date in the territory's zone, or null. */
    ZonedDateTime[] shift(Technician t, LocalDate date) {
        String range = t.weeklyShifts().get(date.getDayOfWeek().name());
        if (range == null || !range.contains("-")) {
            return null;
        }
        String[] parts = range.split("-");
        return new ZonedDateTime[]{date.atTime(LocalTime.parse(parts[0].trim())).atZone(zone),
                date.atTime(LocalTime.parse(parts[1].trim())).atZone(zone)};
    }

    List<Technician> workingOn(LocalDate date, int dayIndex) {
        return simulated.stream().filter(t -> works(t, date, dayIndex)).toList();
    }

    /** Tells dispatch who is away: technicians left out of the simulation, and new hires before their first day. */
    void markAbsences(DispatchClient dispatch, List<LocalDate> dates) {
        LocalDate first = dates.getFirst();
        LocalDate last = dates.getLast();
        for (Technician t : idle) {
            absent(dispatch, t.id(), first, last, "OTHER", "not part of this simulation");
        }
        for (Technician t : simulated) {
            Habits h = habits.get(t.id());
            if (h.newHire() && h.firstDayIndex() > 0) {
                LocalDate before = dates.get(Math.min(h.firstDayIndex(), dates.size()) - 1);
                absent(dispatch, t.id(), first, before, "TRAINING", "new hire, starts later");
            }
        }
    }

    private static void absent(DispatchClient dispatch, String id, LocalDate first, LocalDate last, String kind,
                               String note) {
        try {
            dispatch.absence(id, first, last, kind, note);
        } catch (ApiCallException e) {
            Log.warn("could not mark " + id + " absent: " + e.getMessage());
        }
    }
}
