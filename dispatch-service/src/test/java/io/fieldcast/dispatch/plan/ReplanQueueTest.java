package io.fieldcast.dispatch.plan;

import io.fieldcast.platform.cluster.Instance;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared re-plan queue as two instances of dispatch-service see it: requests merge, a re-plan is claimed by one
 * instance only, a request during a run makes one more run, a claim of a dead instance is taken over with its
 * reasons, and a risk waits for its due time. This service's own re-planner stays out of the queue meanwhile.
 */
@QuarkusTest
class ReplanQueueTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Inject
    Pool pool;
    @Inject
    Replanner replanner;

    private ReplanQueue a;
    private ReplanQueue b;

    @BeforeEach
    void twoInstances() {
        replanner.pauseClaims(true);
        // Requests left by earlier tests' days (their re-plans no longer matter) would be claimed here first.
        pool.query("delete from replan_request").executeAndAwait();
        a = new ReplanQueue(pool, new Instance(Optional.empty()));
        b = new ReplanQueue(pool, new Instance(Optional.empty()));
    }

    @AfterEach
    void resume() {
        pool.query("delete from replan_request where territory_id like 'rq-%'").executeAndAwait();
        replanner.pauseClaims(false);
    }

    private static LocalDate day() {
        return LocalDate.of(2026, 3, 4);
    }

    @Test
    void requestsMergeAndOneInstanceClaimsThem() {
        String t = "rq-merge-" + UUID.randomUUID();
        a.request(t, day(), "visit 1 canceled", true, NOW, NOW);
        b.request(t, day(), "visit 2 canceled", true, NOW.plusSeconds(5), NOW.plusSeconds(5));
        a.request(t, day(), "visit 1 canceled", true, NOW.plusSeconds(6), NOW.plusSeconds(6));

        ReplanQueue.Claim claim = a.claim(NOW.plusSeconds(10), LEASE).filter(c -> c.territoryId().equals(t))
                .orElseThrow();
        assertEquals(Set.of("visit 1 canceled", "visit 2 canceled"), claim.reasons());
        assertTrue(claim.workChanged());
        assertEquals(NOW, claim.requestedAt(), "the first request's time");
        assertTrue(b.claim(NOW.plusSeconds(10), LEASE).filter(c -> c.territoryId().equals(t)).isEmpty(),
                "claimed by the other instance");

        a.done(claim);
        assertTrue(b.claim(NOW.plusSeconds(20), LEASE).filter(c -> c.territoryId().equals(t)).isEmpty(),
                "done: nothing left");
    }

    @Test
    void aRequestDuringARunMakesOneMoreRunWithItsOwnReasons() {
        String t = "rq-again-" + UUID.randomUUID();
        a.request(t, day(), "visit 1 canceled", true, NOW, NOW);
        ReplanQueue.Claim first = a.claim(NOW, LEASE).orElseThrow();
        b.request(t, day(), "visit 3 cannot be completed", true, NOW.plusSeconds(30), NOW.plusSeconds(30));
        assertTrue(b.claim(NOW.plusSeconds(30), LEASE).isEmpty(), "not while the first run holds it");

        a.done(first);
        ReplanQueue.Claim second = b.claim(NOW.plusSeconds(31), LEASE).orElseThrow();
        assertEquals(t, second.territoryId());
        assertEquals(Set.of("visit 3 cannot be completed"), second.reasons());
        assertEquals(NOW.plusSeconds(30), second.requestedAt(), "timed from the request after the first claim");
        b.done(second);
        assertTrue(a.claim(NOW.plusSeconds(40), LEASE).isEmpty());
    }

    @Test
    void theClaimOfADeadInstanceIsTakenOverWithItsReasons() throws InterruptedException {
        String t = "rq-dead-" + UUID.randomUUID();
        a.request(t, day(), "technician absent", true, NOW, NOW);
        ReplanQueue.Claim lost = a.claim(NOW, Duration.ofMillis(300)).orElseThrow(); // a dies holding it
        b.request(t, day(), "emergency booked", true, NOW.plusSeconds(1), NOW.plusSeconds(1));
        assertTrue(b.claim(NOW.plusSeconds(2), LEASE).isEmpty(), "the lease still runs");

        Thread.sleep(1_000);
        ReplanQueue.Claim taken = b.claim(NOW.plusSeconds(3), LEASE).orElseThrow();
        assertEquals(Set.of("technician absent", "emergency booked"), taken.reasons());
        a.done(lost); // the dead instance's late word changes nothing
        assertTrue(a.claim(NOW.plusSeconds(4), LEASE).isEmpty(), "still held by the instance that took it over");
        b.done(taken);
    }

    @Test
    void aRiskWaitsForItsDueTimeAndAChangeOfWorkTakesItAlong() {
        String t = "rq-risk-" + UUID.randomUUID();
        a.request(t, day(), "told window at risk", false, NOW, NOW.plusSeconds(600));
        assertTrue(b.claim(NOW.plusSeconds(60), LEASE).isEmpty(), "cooling down");
        ReplanQueue.Claim late = b.claim(NOW.plusSeconds(600), LEASE).orElseThrow();
        assertFalse(late.workChanged());
        b.done(late);

        a.request(t, day(), "told window at risk", false, NOW.plusSeconds(700), NOW.plusSeconds(1200));
        a.request(t, day(), "visit 4 canceled", true, NOW.plusSeconds(710), NOW.plusSeconds(710));
        ReplanQueue.Claim both = b.claim(NOW.plusSeconds(711), LEASE).orElseThrow();
        assertEquals(Set.of("told window at risk", "visit 4 canceled"), both.reasons());
        assertTrue(both.workChanged());
        b.done(both);
    }

    @Test
    void oneReplanPerVisitAndKindOfRisk() {
        String t = "rq-once-" + UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        assertTrue(a.firstRisk(t, day(), visit, Replanner.RISK_TOLD_WINDOW));
        assertFalse(b.firstRisk(t, day(), visit, Replanner.RISK_TOLD_WINDOW), "the other instance sees it was handled");
        assertTrue(b.firstRisk(t, day(), UUID.randomUUID(), Replanner.RISK_TOLD_WINDOW));
        assertTrue(b.firstRisk(t, day(), visit, Replanner.RISK_LOST), "lost later, the visit asks once more");
        assertFalse(a.firstRisk(t, day(), visit, Replanner.RISK_LOST));
    }
}
