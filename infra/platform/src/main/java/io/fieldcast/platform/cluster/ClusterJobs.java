package io.fieldcast.platform.cluster;

import io.fieldcast.platform.reactive.Reactive;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Scheduled work (a nightly training, a sweep, a reminder scan, a retention pass) runs once across all instances of a
 * service: every instance keeps its timer, and at each tick asks to claim the job's slot (a night, a period of data
 * time); the one whose row goes in runs it, the others skip. A row per slot, not a lock held while running, so an
 * instance that ticks a little later does not run the same slot again after the first one finished.
 */
@ApplicationScoped
public class ClusterJobs {

    /** Claims older than this are deleted when the job claims again. */
    static final Duration KEEP = Duration.ofDays(7);

    private final Pool pool;
    private final Clock clock;
    private final String instance;

    public ClusterJobs(Pool pool, Clock clock, Instance instance) {
        this.pool = pool;
        this.clock = clock;
        this.instance = instance.id();
    }

    /** True when this instance claimed {@code job} for {@code slot} and should run it; false when another has it. */
    public boolean claim(String job, String slot) {
        var now = clock.instant();
        int inserted = Reactive.await(() -> pool.preparedQuery("""
                        insert into cluster_job_run (job, slot, instance, claimed_at) values ($1, $2, $3, $4)
                        on conflict do nothing""")
                .execute(Tuple.of(job, slot, instance, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount()));
        if (inserted == 1) {
            Reactive.await(() -> pool.preparedQuery("delete from cluster_job_run where job = $1 and claimed_at < $2")
                    .execute(Tuple.of(job, now.minus(KEEP).atOffset(ZoneOffset.UTC))));
        }
        return inserted == 1;
    }

    /** Claims the current period of data time for a job that runs every {@code period}. */
    public boolean claimTick(String job, Duration period) {
        return claim(job, "t" + clock.millis() / Math.max(1, period.toMillis()));
    }

    /** This instance's name in the claims. */
    public String instance() {
        return instance;
    }
}
