package io.fieldcast.dispatch.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.events.EventCodec;
import io.fieldcast.platform.cluster.Instance;
import io.fieldcast.platform.reactive.Reactive;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which instance holds each territory-day's solve, and how far it got ({@code plan_solve}). The holder writes its
 * progress and touches its rows every second; a row untouched for {@link #ALIVE} belongs to an instance that is gone,
 * and its solve with it. Lets any instance answer for a solve and forward what only the holder can do.
 */
@ApplicationScoped
public class PlanSolves {

    /** A holder that has not touched its rows for this long is gone (it touches them every second). */
    static final Duration ALIVE = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = EventCodec.mapper();

    /** Who holds a solve, where to reach it, its last progress, and whether it still lives. */
    public record Held(String instance, String url, PlanJobs.Progress progress, boolean alive) {
    }

    private final Pool pool;
    private final Instance instance;

    public PlanSolves(Pool pool, Instance instance) {
        this.pool = pool;
        this.instance = instance;
    }

    public String me() {
        return instance.id();
    }

    /**
     * Takes the territory-day's solve for this instance: true unless a living instance is solving it right now (a
     * finished solve, or one whose holder is gone, is replaced).
     */
    public boolean claim(String territoryId, LocalDate date, PlanJobs.Progress first, Instant startedAt) {
        return Reactive.await(() -> pool.preparedQuery("""
                        insert into plan_solve (territory_id, service_date, instance, instance_url, status, progress,
                                                started_at)
                        values ($1, $2, $3, $4, $5, $6::jsonb, $7)
                        on conflict (territory_id, service_date) do update
                            set instance = excluded.instance, instance_url = excluded.instance_url,
                                status = excluded.status, progress = excluded.progress,
                                started_at = excluded.started_at, heartbeat_at = clock_timestamp()
                            where plan_solve.status <> 'SOLVING'
                               or plan_solve.heartbeat_at < clock_timestamp() - make_interval(secs => $8)
                        returning 1""")
                .execute(Tuple.from(new Object[]{territoryId, date, me(), instance.url(), first.status().name(),
                        json(first), startedAt.atOffset(ZoneOffset.UTC), (double) ALIVE.toSeconds()}))
                .map(rows -> rows.rowCount() == 1));
    }

    /** Writes this instance's latest progress of the solve (nothing if another instance took it over since). */
    public void update(String territoryId, LocalDate date, PlanJobs.Progress progress) {
        Reactive.await(() -> pool.preparedQuery("""
                        update plan_solve set status = $4, progress = $5::jsonb, heartbeat_at = clock_timestamp()
                        where territory_id = $1 and service_date = $2 and instance = $3""")
                .execute(Tuple.of(territoryId, date, me(), progress.status().name(), json(progress))));
    }

    /** Tells the siblings that this instance still lives and holds its solves. */
    public void heartbeat() {
        Reactive.await(() -> pool.preparedQuery(
                        "update plan_solve set heartbeat_at = clock_timestamp() where instance = $1")
                .execute(Tuple.of(me())));
    }

    public Optional<Held> find(String territoryId, LocalDate date) {
        return Reactive.await(() -> findAsync(territoryId, date));
    }

    public Uni<Optional<Held>> findAsync(String territoryId, LocalDate date) {
        return pool.preparedQuery("""
                        select instance, instance_url, progress,
                               heartbeat_at > clock_timestamp() - make_interval(secs => $3) as alive
                        from plan_solve where territory_id = $1 and service_date = $2""")
                .execute(Tuple.of(territoryId, date, (double) ALIVE.toSeconds()))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(held(it.next())) : Optional.empty();
                });
    }

    private static Held held(Row row) {
        Object progress = row.getValue("progress");
        String text = progress instanceof JsonObject o ? o.encode() : String.valueOf(progress);
        try {
            return new Held(row.getString("instance"), row.getString("instance_url"),
                    MAPPER.readValue(text, PlanJobs.Progress.class), row.getBoolean("alive"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable progress in plan_solve: " + e.getMessage(), e);
        }
    }

    private static String json(PlanJobs.Progress progress) {
        try {
            return MAPPER.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
