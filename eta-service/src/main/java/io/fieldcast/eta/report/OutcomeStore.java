package io.fieldcast.eta.report;

import io.fieldcast.eta.history.Rows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/**
 * What eta-service itself stored, as outcomes: every visit of the route days in a range, its first published window
 * (kept on the forecast row) and the arrival it learned — trip mining's arrival when the day was mined (the trace
 * beats a late tap), else the first ARRIVED tap.
 */
@ApplicationScoped
public class OutcomeStore {

    public Uni<List<Outcome>> between(LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select distinct on (rv.appointment_id) rv.appointment_id, rv.technician_id,
                               f.first_published_at, f.first_window_start, f.first_window_end, f.first_probability,
                               f.first_p50, f.first_model_version, f.held_reason,
                               coalesce(mv.arrival, (select min(e.device_time) from visit_event e
                                                     where e.appointment_id = rv.appointment_id
                                                       and e.status = 'ARRIVED')) as arrived,
                               f.first_jobs_ahead
                        from route_visit rv
                        left join forecast f on f.appointment_id = rv.appointment_id
                        left join mined_visit mv on mv.appointment_id = rv.appointment_id
                        where rv.day between :from and :to
                        order by rv.appointment_id, rv.day desc""", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList()))
                .map(rows -> rows.stream().map(r -> new Outcome(Rows.uuid(r[0]), (String) r[1], Rows.instant(r[2]),
                        Rows.instant(r[3]), Rows.instant(r[4]), Rows.number(r[5]), Rows.instant(r[6]),
                        Rows.instant(r[9]), (String) r[7], (String) r[8],
                        r[10] == null ? null : ((Number) r[10]).intValue())).toList());
    }
}
