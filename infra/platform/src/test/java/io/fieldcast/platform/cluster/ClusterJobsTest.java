package io.fieldcast.platform.cluster;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled work is claimed once per slot across instances (here: two claimers on one database, racing). */
@QuarkusTest
class ClusterJobsTest {

    @Inject
    ClusterJobs jobs;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @Inject
    Clock clock;

    @Test
    void oneClaimPerSlotEvenWhenInstancesRace() throws Exception {
        ClusterJobs other = new ClusterJobs(pool, clock, new Instance(Optional.empty())); // a second instance
        String job = "test.job-" + System.nanoTime();
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ClusterJobs claimer = i % 2 == 0 ? jobs : other;
            claims.add(() -> claimer.claim(job, "2026-03-02"));
        }
        int won = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                won += f.get() ? 1 : 0;
            }
        }
        assertEquals(1, won, "exactly one instance runs the night");
        assertTrue(jobs.claim(job, "2026-03-03"), "the next night is a new slot");
        assertFalse(other.claim(job, "2026-03-03"));
    }

    @Test
    void aTickIsAPeriodOfDataTime() {
        String job = "test.tick-" + System.nanoTime();
        assertTrue(jobs.claimTick(job, Duration.ofDays(365)));
        assertFalse(jobs.claimTick(job, Duration.ofDays(365)), "the same period is claimed already");
    }
}
