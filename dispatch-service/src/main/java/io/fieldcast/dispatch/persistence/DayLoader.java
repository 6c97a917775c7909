package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.LearnedTravelFactor;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.TechnicianAbsence;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/** Reads a territory-day for booking, and serialises changes to one day with a transaction-scoped lock. */
@ApplicationScoped
public class DayLoader {

    /** Reads the day inside the caller's session. */
    public Uni<DaySnapshot> load(String territoryId, LocalDate date) {
        return Territory.<Territory>findById(territoryId)
                .onItem().ifNull().failWith(() -> ApiException.badRequest("territoryId",
                        "unknown territory '" + territoryId + "'"))
                .chain(territory -> Technician.<Technician>list("territoryId = ?1 and active = true order by id",
                                territoryId)
                        .chain(techs -> technicianData(territory, date, techs)));
    }

    private Uni<DaySnapshot> technicianData(Territory territory, LocalDate date, List<Technician> techs) {
        // "in ()" is not valid SQL: an empty territory asks for an id no technician has.
        List<String> ids = techs.isEmpty() ? List.of("-") : techs.stream().map(t -> t.id).toList();
        var absences = TechnicianAbsence.<TechnicianAbsence>list(
                "firstDay <= ?1 and lastDay >= ?1 and technicianId in ?2", date, ids);
        var open = Appointment.<Appointment>list("territoryId = ?1 and serviceDate = ?2 and status in ?3",
                territory.id, date, AppointmentStatus.OPEN);
        var learned = LearnedDuration.<LearnedDuration>list("id.technicianId in ?1", ids);
        var travel = LearnedTravelFactor.<LearnedTravelFactor>list("technicianId in ?1", ids);
        // One session runs one query at a time, so the reads are chained, not combined.
        return absences.chain(a -> open.chain(o -> learned.chain(l -> travel.map(f ->
                new DaySnapshot(territory, date, techs, a, o, l, f)))));
    }

    /**
     * Takes the territory-day's lock until the transaction ends: bookings for the same day queue here, so
     * each one sees the previous one's result and capacity can never be sold twice.
     */
    public Uni<Void> lock(String territoryId, LocalDate date) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l",
                        Integer.class)
                .setParameter("k", "day:" + territoryId + ":" + date)
                .getSingleResult()).replaceWithVoid();
    }
}
