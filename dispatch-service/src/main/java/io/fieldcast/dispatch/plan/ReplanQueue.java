package io.fieldcast.dispatch.plan;

import io.fieldcast.platform.cluster.Instance;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The re-plans asked for and not yet done, shared by every instance of dispatch-service ({@code replan_request}).
 * Requests for one territory-day merge into one row; an instance claims a due row for a lease with
 * {@code FOR UPDATE SKIP LOCKED}, so each re-plan runs on one instance, and a claim whose instance died runs again
 * once its lease is over. A request written in the transaction of the change that asked for it is seen only once
 * that change commits.
 */
@ApplicationScoped
public class ReplanQueue {

    /** A claimed re-plan: what asked for it, since when, and the row's generation when it was claimed. */
    public record Claim(String territoryId, LocalDate date, Set<String> reasons, boolean workChanged,
                        Instant requestedAt, long waitedMs, long generation) {
    }

    /** Merges a request into the territory-day's row; the first request after a claim starts the next run's clock. */
    private static final String REQUEST = """
            insert into replan_request (territory_id, service_date, reasons, work_changed, requested_at, due_at)
            values ($1, $2, array[cast($3 as text)], $4, $5, $6)
            on conflict (territory_id, service_date) do update set
                reasons = case when cast($3 as text) = any(replan_request.reasons) then replan_request.reasons
                               else replan_request.reasons || cast($3 as text) end,
                work_changed = replan_request.work_changed or excluded.work_changed,
                due_at = least(replan_request.due_at, excluded.due_at),
                requested_at = case when replan_request.generation = replan_request.claimed_generation
                                    then excluded.requested_at else replan_request.requested_at end,
                requested_wall = case when replan_request.generation = replan_request.claimed_generation
                                      then clock_timestamp() else replan_request.requested_wall end,
                generation = replan_request.generation + 1""";
    /** The same statement with Hibernate's positional parameters ({@code ?1} for {@code $1}). */
    private static final String REQUEST_IN_SESSION = REQUEST.replaceAll("\\$(\\d)", "?$1");

    private final Pool pool;
    private final Instance instance;

    public ReplanQueue(Pool pool, Instance instance) {
        this.pool = pool;
        this.instance = instance;
    }

    /** Asks for a re-plan of the territory-day, due at {@code due} (data time). */
    public void request(String territoryId, LocalDate date, String reason, boolean workChanged, Instant now,
                        Instant due) {
        Reactive.await(() -> pool.preparedQuery(REQUEST).execute(Tuple.from(new Object[]{territoryId, date, reason,
                workChanged, utc(now), utc(due)})));
    }

    /** The same request, written in the caller's transaction: claimable once it commits. */
    public Uni<Void> requestInTransaction(String territoryId, LocalDate date, String reason, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REQUEST_IN_SESSION)
                .setParameter(1, territoryId).setParameter(2, date).setParameter(3, reason)
                .setParameter(4, true).setParameter(5, utc(now)).setParameter(6, utc(now))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Claims the most overdue re-plan that no living instance runs, for {@code lease} of database time. A claim
     * whose instance died keeps the reasons it had and takes the new ones.
     */
    public Optional<Claim> claim(Instant now, Duration lease) {
        return Reactive.await(() -> pool.preparedQuery("""
                        update replan_request r set
                            claimed_reasons = case when r.claimed_by is null then r.reasons
                                                   else r.claimed_reasons || r.reasons end,
                            claimed_work_changed = r.work_changed or (r.claimed_by is not null and r.claimed_work_changed),
                            claimed_requested_at = case when r.claimed_by is null then r.requested_at
                                                        else least(r.claimed_requested_at, r.requested_at) end,
                            claimed_requested_wall = case when r.claimed_by is null then r.requested_wall
                                                          else least(r.claimed_requested_wall, r.requested_wall) end,
                            claimed_generation = r.generation, claimed_by = $1,
                            claimed_until = clock_timestamp() + make_interval(secs => $2),
                            reasons = '{}', work_changed = false, due_at = 'infinity'
                        where (r.territory_id, r.service_date) = (
                            select territory_id, service_date from replan_request
                            where (claimed_by is null and due_at <= $3) or claimed_until < clock_timestamp()
                            order by due_at limit 1 for update skip locked)
                        returning territory_id, service_date, claimed_reasons, claimed_work_changed,
                                  claimed_requested_at, claimed_generation,
                                  (extract(epoch from clock_timestamp() - claimed_requested_wall) * 1000)::bigint
                                      as waited_ms""")
                .execute(Tuple.of(instance.id(), lease.toMillis() / 1000.0, utc(now)))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(claim(it.next())) : Optional.empty();
                }));
    }

    private static Claim claim(Row row) {
        return new Claim(row.getString("territory_id"), row.getLocalDate("service_date"),
                new LinkedHashSet<>(List.of(row.getArrayOfStrings("claimed_reasons"))),
                row.getBoolean("claimed_work_changed"), row.getOffsetDateTime("claimed_requested_at").toInstant(),
                row.getLong("waited_ms"), row.getLong("claimed_generation"));
    }

    /**
     * The claimed re-plan ran: its row goes, unless a request came in meanwhile; then the claim is given up and the
     * row waits for its next run.
     */
    public void done(Claim claim) {
        Reactive.await(() -> pool.preparedQuery("""
                        delete from replan_request
                        where territory_id = $1 and service_date = $2 and claimed_by = $3 and generation = $4""")
                .execute(Tuple.of(claim.territoryId(), claim.date(), instance.id(), claim.generation()))
                .chain(deleted -> deleted.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("""
                                update replan_request set claimed_by = null, claimed_until = null,
                                    claimed_generation = null, claimed_reasons = '{}', claimed_work_changed = false
                                where territory_id = $1 and service_date = $2 and claimed_by = $3""")
                        .execute(Tuple.of(claim.territoryId(), claim.date(), instance.id())).replaceWithVoid()));
    }

    /**
     * True the first time a risk of {@code kind} to this visit's promise is reported (its told window, {@code
     * TOLD_WINDOW}; its booked window far behind, {@code LOST}); one re-plan per visit and kind.
     */
    public boolean firstRisk(String territoryId, LocalDate date, UUID appointmentId, String kind) {
        return Reactive.await(() -> pool.preparedQuery("""
                        insert into replan_risk (territory_id, service_date, appointment_id, kind)
                        values ($1, $2, $3, $4) on conflict do nothing""")
                .execute(Tuple.of(territoryId, date, appointmentId, kind)).map(rows -> rows.rowCount() == 1));
    }

    /** When the territory-day last re-planned (data time). */
    public Optional<Instant> lastRun(String territoryId, LocalDate date) {
        return Reactive.await(() -> pool.preparedQuery(
                        "select last_run from replan_day where territory_id = $1 and service_date = $2")
                .execute(Tuple.of(territoryId, date))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getOffsetDateTime("last_run").toInstant())
                            : Optional.<Instant>empty();
                }));
    }

    public void ran(String territoryId, LocalDate date, Instant at) {
        Reactive.await(() -> pool.preparedQuery("""
                        insert into replan_day (territory_id, service_date, last_run) values ($1, $2, $3)
                        on conflict (territory_id, service_date) do update set last_run = excluded.last_run""")
                .execute(Tuple.of(territoryId, date, utc(at))));
    }

    public void record(Replanner.Outcome outcome, String territoryId, LocalDate date) {
        Reactive.await(() -> pool.preparedQuery("""
                        insert into replan_outcome (territory_id, service_date, reasons, requested_at, latency_ms,
                                                    solve_ms, version, routes, score, error, instance)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.from(new Object[]{territoryId, date, outcome.reasons().toArray(String[]::new),
                        utc(outcome.requestedAt()), outcome.latencyMs(), outcome.solveMs(), outcome.version(),
                        outcome.routesPublished(), outcome.score(), outcome.error(), instance.id()})));
    }

    /** The latest {@code limit} re-plans, newest first; of one territory unless {@code territoryId} is null. */
    public List<Replanner.Outcome> recent(String territoryId, int limit) {
        return Reactive.await(() -> pool.preparedQuery("""
                        select * from replan_outcome where $1::text is null or territory_id = $1
                        order by id desc limit $2""")
                .execute(Tuple.of(territoryId, limit))
                .map(rows -> {
                    List<Replanner.Outcome> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Replanner.Outcome(
                            PlanJobs.key(r.getString("territory_id"), r.getLocalDate("service_date")),
                            new LinkedHashSet<>(List.of(r.getArrayOfStrings("reasons"))),
                            r.getOffsetDateTime("requested_at").toInstant(), r.getLong("latency_ms"),
                            r.getLong("solve_ms"), r.getLong("version"), r.getInteger("routes"), r.getString("score"),
                            r.getString("error"))));
                    return out;
                }));
    }

    /** Forgets the re-plans of days before {@code before}; returns how many rows went. */
    public int purge(LocalDate before) {
        return Reactive.await(() -> pool.preparedQuery("""
                        with a as (delete from replan_outcome where service_date < $1 returning 1),
                             b as (delete from replan_risk where service_date < $1 returning 1),
                             c as (delete from replan_day where service_date < $1 returning 1),
                             d as (delete from replan_request where service_date < $1 returning 1)
                        select (select count(*) from a) + (select count(*) from b) + (select count(*) from c)
                               + (select count(*) from d) as n""")
                .execute(Tuple.of(before)).map(rows -> rows.iterator().next().getLong("n").intValue()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
