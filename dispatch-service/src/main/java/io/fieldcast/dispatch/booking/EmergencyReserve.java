package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.dispatch.road.TravelTimes;
import io.fieldcast.platform.reactive.Reactive;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/**
 * What is left of a territory-day's emergency reserve: the share of each shift that ordinary bookings may not use
 * ({@code emergencyReservePct}, kept by {@link InsertionEngine}), less what the day's work already takes of it. Only an
 * emergency (priority {@value BookingService#EMERGENCY_PRIORITY}) books into it; once a technician's day is fuller than
 * the ordinary share, the excess comes out of their reserve. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class EmergencyReserve {

    /**
     * @param reserveMinutes what the territory keeps free across the day's shifts
     * @param leftMinutes    of which still free
     * @param emergencies    emergencies booked on the day
     */
    public record Left(String territoryId, LocalDate date, int reservePct, long reserveMinutes, long leftMinutes,
                       long emergencies, int technicians) {
    }

    private final DayLoader days;
    private final SlotFinder slots;
    private final Roads roads;

    public EmergencyReserve(DayLoader days, SlotFinder slots, Roads roads) {
        this.days = days;
        this.slots = slots;
        this.roads = roads;
    }

    public Left of(String territoryId, LocalDate date) {
        slots.territory(territoryId, 0, 0); // 400 for an unknown territory
        DaySnapshot day = Reactive.inSession(() -> days.load(territoryId, date));
        return of(day, TechDays.of(day, null), roads);
    }

    static Left of(DaySnapshot day, List<TechDay> techDays, TravelTimes travel) {
        double share = day.territory().emergencyReservePct / 100.0;
        long reserve = 0;
        long left = 0;
        for (TechDay tech : techDays) {
            long shift = tech.shiftSeconds();
            if (shift <= 0) {
                continue;
            }
            long kept = Math.round(share * shift);
            reserve += kept;
            left += Math.min(kept, shift - tech.taken(travel).seconds());
        }
        long emergencies = day.openAppointments().stream()
                .filter((Appointment a) -> a.priority >= BookingService.EMERGENCY_PRIORITY).count();
        return new Left(day.territory().id, day.date(), day.territory().emergencyReservePct, reserve / 60, left / 60,
                emergencies, techDays.size());
    }
}
