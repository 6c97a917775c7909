package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.dispatch.road.TravelTimes;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A territory's days side by side, for the console's week board: per day and technician the shift, how much of it the
 * current plan takes (visits, driving, the break) and how many visits; per day the same summed. Read from the plans
 * stored on the appointments, as booking sees them. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class WeekCapacity {

    public static final int MAX_DAYS = 14;

    /** One technician's day: minutes of shift, minutes taken, visits; {@code broken} when the day no longer holds. */
    public record Cell(String technicianId, int shiftMinutes, int busyMinutes, int visits, boolean broken) {
    }

    public record Day(LocalDate date, int shiftMinutes, int busyMinutes, int visits, int unassigned,
                      List<Cell> technicians) {
    }

    public record Week(String territoryId, String timeZone, List<Day> days, Map<String, String> technicianNames) {
    }

    private final DayLoader days;
    private final SlotFinder slots;
    private final Roads roads;

    public WeekCapacity(DayLoader days, SlotFinder slots, Roads roads) {
        this.days = days;
        this.slots = slots;
        this.roads = roads;
    }

    public Week of(String territoryId, LocalDate from, int count) {
        if (count < 1 || count > MAX_DAYS) {
            throw ApiException.badRequest("days", "1 to " + MAX_DAYS);
        }
        var territory = slots.territory(territoryId, 0, 0);
        List<Day> week = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            LocalDate date = from.plusDays(i);
            DaySnapshot day = Reactive.inSession(() -> days.load(territory.id, date));
            day.technicians().forEach((Technician t) -> names.putIfAbsent(t.id, t.name));
            week.add(day(day, TechDays.of(day, null), roads));
        }
        return new Week(territory.id, territory.timeZone, week, names);
    }

    static Day day(DaySnapshot day, List<TechDay> techDays, TravelTimes travel) {
        List<Cell> cells = new ArrayList<>();
        int shift = 0;
        int busy = 0;
        int visits = 0;
        for (TechDay tech : techDays) {
            int minutes = (int) (tech.shiftSeconds() / 60);
            TechDay.Taken used = tech.taken(travel);
            int taken = (int) (used.seconds() / 60);
            cells.add(new Cell(tech.technicianId(), minutes, taken, tech.stops().size(), !used.holds()));
            shift += minutes;
            busy += taken;
            visits += tech.stops().size();
        }
        int unassigned = (int) day.openAppointments().stream().filter(a -> a.technicianId == null).count();
        return new Day(day.date(), shift, busy, visits + unassigned, unassigned, cells);
    }
}
