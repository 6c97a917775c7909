package io.fieldcast.simulator.e2e;

import io.fieldcast.events.Topics;
import io.fieldcast.platform.launcher.ServiceProcess;
import io.fieldcast.simulator.demo.Chaos;
import io.fieldcast.simulator.demo.ChaosBench;
import io.fieldcast.simulator.demo.ClusterChecks;
import io.fieldcast.simulator.demo.Demo;
import io.fieldcast.simulator.demo.DemoOptions;
import io.fieldcast.simulator.demo.Kpis;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A short {@code ./fieldcast demo --until-done --instances 2}: two instances of each of the four packaged services
 * behind local balancers, on the test PostgreSQL and Kafka, one day of history, a training run, today booked, planned
 * and played at 2400x on the shared clock while one instance of three services is killed and poison events are
 * written, then the KPIs, and the cluster's checks against the databases (the short version of
 * {@code ./fieldcast bench cluster} and {@code bench chaos}).
 */
class DemoEndToEndTest {

    static final Path REPO = HistoryEndToEndTest.REPO;
    static final List<String> SERVICES = List.of("dispatch-service", "eta-service", "tech-mobile-api",
            "customer-notify");

    @Test
    void aShortDemoPlaysTodayAndPrintsItsKpis() throws Exception {
        for (String module : SERVICES) {
            assumeTrue(Files.exists(ServiceProcess.jar(REPO, module)), module + " is not packaged "
                    + "(target/quarkus-app); build it with ./mvnw -pl " + module + " -am package -DskipTests");
        }
        Map<String, String> env = TestRuntimeEnv.withFreshDatabase("demo");
        env.put("FIELDCAST_ROAD_CACHE_DIR", REPO.resolve(".fieldcast/graph").toString());
        Path home = Path.of("target", "demo-home").toAbsolutePath();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(printed, System.out), true, StandardCharsets.UTF_8);
        // One day, whatever the wall clock says: the day played (its bookings, its jobs) follows the date, and on
        // another date the same test plays another day (a Monday played from the wall clock once overbooked tech-01,
        // who left a visit unreached at the end of it).
        DemoOptions options = DemoOptions.parse("--technicians", "3", "--days", "1", "--speed", "2400", "--visits",
                "3", "--solve-seconds", "3", "--instances", "2", "--until-done", "--date", "2026-12-05");
        // The short chaos: one instance each of eta-service, tech-mobile-api and customer-notify killed (kill -9) while
        // the day is played, the other instance carrying on alone; 3 poison events on every topic.
        Chaos chaos = new Chaos(Duration.ofMillis(10L * 3_600_000 / 2400), new Chaos.Settings(1, false,
                Set.of("eta-service", "tech-mobile-api", "customer-notify"), false, 3), 7, out);
        Kpis kpis;
        ClusterChecks cluster;
        long parked;
        int stuck;
        try (Demo demo = new Demo(options, REPO, home, env, Demo.Ports.free(), out).duringTheDay(chaos)) {
            kpis = demo.run();
            parked = ChaosBench.awaitParked(env.get("FIELDCAST_KAFKA_BOOTSTRAP"), chaos.poison(),
                    Duration.ofSeconds(90));
            stuck = ChaosBench.stuckConsumers(demo);
            cluster = ClusterChecks.measure(demo, kpis, env);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertTrue(text.contains("/console/") && text.contains("/app/") && text.contains("/outbox")
                && text.contains("/book/"), "the URLs are printed:\n" + text);
        assertTrue(kpis.visits() > 0 && text.lines().anyMatch(l -> l.matches("  customers booked \\d+ visits in all, "
                + "[1-9]\\d* of them on the booking page")), "some customers booked on the portal:\n" + text);
        assertTrue(text.contains("user " + Demo.DISPATCHER + " / " + Demo.DISPATCHER_PASSWORD), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("DEMO date=" + kpis.date() + " visits=")),
                "the one-line summary:\n" + text);
        assertTrue(kpis.visits() >= 3, "today was booked: " + kpis);
        assertTrue(kpis.arrived() >= kpis.visits() * 0.8, "the technicians reached today's visits: " + kpis);
        assertTrue(kpis.completed() > 0, kpis.toString());
        assertTrue(kpis.told() > 0, "customers were told a narrowed window: " + kpis);
        assertEquals(60, kpis.toldWidthMin(), 15, "narrowed windows are about an hour wide: " + kpis);
        assertTrue(kpis.textsByKind().getOrDefault("ON_THE_WAY", 0) > 0, "on-the-way texts went out: " + kpis);
        assertTrue(kpis.travelHours() > 0, kpis.toString());
        // eta-service scored its own first windows against the arrivals it learned.
        assertTrue(kpis.forecast() != null && kpis.forecast().visits() > 0, "eta-service's report: " + kpis);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("DEMO ") && l.contains(" eta_coverage=")), text);
        // Every technician with work got a route; the churn of the day and early arrivals are reported (at 2400x a
        // text can reach a phone after its van parked, so the figure is the demo's to show, not this test's to pin).
        assertTrue(kpis.routeVersions().p50() >= 1 && kpis.routeVersions().max() >= kpis.routeVersions().p50(),
                kpis.toString());
        assertTrue(text.lines().anyMatch(l -> l.startsWith("DEMO ") && l.contains(" route_versions_p50=")
                && l.contains(" before_told_pct=")), text);

        // Two instances of every service behaved as one.
        String figures = cluster.figures();
        out.println("CLUSTER " + figures);
        assertEquals(2, cluster.instances(), figures);
        assertTrue(cluster.pingsAccepted() > 0, figures);
        assertEquals(0, cluster.lost(), "every accepted ping is in eta-service's history: " + figures);
        assertEquals(0, cluster.tapsLost(), "every accepted tap is in tech-mobile-api's record: " + figures);
        assertEquals(0, cluster.duplicateTexts(), figures);
        assertEquals(0, cluster.positionsMissing(), "each dispatch instance places every technician: " + figures);
        assertEquals("ok", cluster.solvesFromOtherInstance(), figures);
        assertEquals(0, cluster.replansRunTwice(), figures);
        assertEquals(0, cluster.scheduledRunsDuplicated(), figures);
        assertEquals(0, cluster.unfinishedVisits(), "every visit of the day ends completed, not completed or "
                + "canceled: " + figures);
        // Events went between the services, and their hops were timed (the figure is the bench's to judge).
        assertTrue(cluster.hops() > 0 && cluster.hopP95Ms() >= cluster.hopP50Ms(), figures);
        // The spread of connections is the bench's to show: three phones and one console keep few connections open.

        // ... and through the chaos.
        assertEquals(List.of(), chaos.failures());
        assertEquals(3, chaos.kills());
        assertEquals(3 * Topics.ALL.size(), chaos.poison(), "three poison events on each topic");
        assertEquals(chaos.poison(), parked, "every poison event parked on its dead-letter topic");
        assertEquals(0, stuck, "no consumer of a living instance dead or stuck");
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
