package io.fieldcast.simulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.simulator.api.Json;
import io.fieldcast.simulator.run.History;
import io.fieldcast.simulator.run.Settings;
import io.fieldcast.simulator.run.Simulation;
import io.fieldcast.simulator.run.Stats;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.SharedKafka;
import io.fieldcast.simulator.run.Live;
import io.fieldcast.simulator.run.Load;
import io.fieldcast.simulator.run.Log;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: 4 technicians × 1 day of history (plus a live replay and a short load run) through the real dispatch-service and tech-mobile-api (their packaged jars in their own
 * JVMs, on the shared test PostgreSQL and Kafka), then reads the topics back and compares them with the truth file.
 */
class HistoryEndToEndTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    static final int TECHNICIANS = 4;
    static final int DAYS = 1;
    static final String SECRET = "sim-secret";
    static final Path OUT = Path.of("target", "e2e");

    static ServiceJar dispatch;
    static ServiceJar mobile;

    @BeforeAll
    static void startServices() throws Exception {
        for (String module : List.of("dispatch-service", "tech-mobile-api")) {
            assumeTrue(Files.exists(ServiceJar.jar(REPO, module)), module + " is not packaged (target/quarkus-app); "
                    + "build it with ./mvnw -pl " + module + " -am package -DskipTests to run this test");
        }
        Map<String, String> env = TestRuntimeEnv.withFreshDatabase("sim");

        Map<String, String> dispatchEnv = new HashMap<>(env);
        dispatchEnv.put("FIELDCAST_SEED_USERS", "root:secret:admin+dispatcher");
        dispatchEnv.put("FIELDCAST_SEED_COMPANY", "classpath:seed/demo-company.json");
        dispatchEnv.put("FIELDCAST_BOOKING_MIN_LEAD_TIME", "-P30D"); // history books days that have passed
        Map<String, String> mobileEnv = new HashMap<>(env);
        mobileEnv.put("FIELDCAST_SEED_DEVICES", IntStream.rangeClosed(1, 30)
                .mapToObj(i -> String.format("tech-%02d:%s", i, SECRET)).collect(Collectors.joining(",")));

        dispatch = new ServiceJar(REPO, "dispatch-service", "FIELDCAST_DISPATCH_PORT", dispatchEnv,
                OUT.resolve("dispatch.log"));
        mobile = new ServiceJar(REPO, "tech-mobile-api", "FIELDCAST_MOBILE_PORT", mobileEnv,
                OUT.resolve("mobile.log"));
        dispatch.awaitReady(Duration.ofMinutes(4));
        mobile.awaitReady(Duration.ofMinutes(4));
        Log.verbose(true);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (dispatch != null) {
            dispatch.close();
        }
        if (mobile != null) {
            mobile.close();
        }
    }

    static Settings settings(Path truthFile, int technicians) {
        return new Settings(dispatch.url(), mobile.url(), "root", "secret", SECRET, 7, null,
                REPO.resolve(".fieldcast/graph"), null, technicians, 3, 3, 60, truthFile, 2);
    }

    @Test
    void historyPingsAndStatusesReachKafkaAndMatchTheTruthFile() throws Exception {
        Path truthFile = OUT.resolve("truth-history.jsonl");
        try (var pings = EventProbe.atEnd(Topics.TECH_LOCATIONS);
             var statuses = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            Stats stats;
            try (Simulation sim = new Simulation(settings(truthFile, TECHNICIANS))) {
                stats = new History(sim, d -> new StandInPublisher(d, SharedKafka.get().bootstrapServers()))
                        .run(DAYS);
            }
            System.out.println(stats.summary());

            List<JsonNode> truth = readTruth(truthFile);
            long sentFixes = truth.stream().filter(t -> "sent".equals(t.path("type").asText()))
                    .mapToLong(t -> t.path("fixes").asLong()).sum();
            assertTrue(stats.pingsAccepted() > 100, "pings accepted: " + stats.pingsAccepted());
            assertEquals(0, stats.errors(), stats.summary());
            assertEquals(sentFixes, stats.pingsSent(), "the truth file counts every fix that was sent");
            assertEquals(stats.pingsSent(), stats.pingsAccepted(), "no ping refused or duplicated: " + stats.summary());

            List<LocationPing> onTopic = pings.await(LocationPing.class, p -> true, (int) stats.pingsAccepted(),
                    Duration.ofSeconds(60));
            assertEquals(stats.pingsAccepted(), onTopic.size(), "every accepted ping is on fieldcast.tech-locations");
            Map<String, List<Instant[]>> days = daysByTechnician(truth);
            for (LocationPing p : onTopic) {
                assertTrue(days.getOrDefault(p.technicianId(), List.of()).stream()
                                .anyMatch(d -> !p.deviceTime().isBefore(d[0]) && !p.deviceTime().isAfter(d[1])),
                        "ping " + p.clientId() + " at " + p.deviceTime() + " lies in a simulated day of its technician");
            }

            assertArrivalsMatchTruth(statuses, stats, truth);
            assertTrue(stats.tapsAccepted() > 2L * stats.visitsCount(), "taps for every visit: " + stats.summary());
            assertEquals(0, stats.tapsRejectedCount(), "no tap refused: " + stats.summary());
            // The technicians' words of the time left of their jobs go through the phone API too, each on site.
            assertTrue(stats.timeLeftSent() > 0, "words of the time left: " + stats.summary());
            assertEquals(0, stats.timeLeftRejected(), "no word refused: " + stats.summary());
            List<JobTimeLeft> words = statuses.await(JobTimeLeft.class, w -> true, (int) stats.timeLeftSent(),
                    Duration.ofSeconds(60));
            assertEquals(stats.timeLeftSent(), words.size(), "every word is on fieldcast.visit-status");
        }
    }

    /**
     * A past day at 2400x: the replay clock sends everything in simulated order; a re-plan published mid-day (the
     * remaining visits reversed) is picked up by the phones and every tap is still accepted.
     */
    @Test
    void liveReplaysAPastDayAndFollowsAReplan() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).minusDays(8);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.minusDays(1);
        }
        LocalDate date = day;
        Path truthFile = OUT.resolve("truth-live.jsonl");
        try (var pings = EventProbe.atEnd(Topics.TECH_LOCATIONS);
             var statuses = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            Stats stats;
            AtomicReference<StandInPublisher> publisher = new AtomicReference<>();
            AtomicReference<Simulation> running = new AtomicReference<>();
            Thread replan = new Thread(() -> {
                try {
                    // Re-plan once the day is under way: the first visits have been tapped on the phones.
                    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    while (publisher.get() == null || running.get().stats().tapsAccepted() < 4) {
                        if (System.nanoTime() > deadline) {
                            return; // the test then fails: no replan line in the truth file
                        }
                        Thread.sleep(100);
                    }
                    publisher.get().republishReversed("metro", date);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Simulation sim = new Simulation(settings(truthFile, 3))) {
                running.set(sim);
                replan.start();
                stats = new Live(sim, d -> {
                    publisher.set(new StandInPublisher(d, SharedKafka.get().bootstrapServers()));
                    return publisher.get();
                }).run(date, 2400);
            }
            replan.join();
            System.out.println(stats.summary());
            assertEquals(0, stats.errors(), stats.summary());
            assertTrue(stats.pingsAccepted() > 50, stats.summary());
            assertEquals(stats.pingsSent(), stats.pingsAccepted(), stats.summary());
            List<LocationPing> onTopic = pings.await(LocationPing.class, p -> true, (int) stats.pingsAccepted(),
                    Duration.ofSeconds(60));
            assertEquals(stats.pingsAccepted(), onTopic.size());
            assertEquals(0, stats.tapsRejectedCount(), stats.summary());
            List<JsonNode> truth = readTruth(truthFile);
            assertTrue(truth.stream().anyMatch(t -> "replan".equals(t.path("type").asText())),
                    "the phones followed the new plan version");
            assertArrivalsMatchTruth(statuses, stats, truth);
        }
    }

    /** Load mode needs only the phone API: three phones driving in real time for 5 s, sending every 2 s. */
    @Test
    void loadSendsRealTimeFixesForEveryPhone() throws Exception {
        try (var pings = EventProbe.atEnd(Topics.TECH_LOCATIONS);
             Simulation sim = new Simulation(settings(OUT.resolve("truth-load.jsonl"), 0))) {
            Stats stats = new Load(sim).run(3, "tech-%02d", 5, Duration.ofSeconds(2));
            System.out.println(stats.summary());
            assertEquals(0, stats.errors(), stats.summary());
            assertEquals(stats.pingsSent(), stats.pingsAccepted(), stats.summary());
            List<LocationPing> onTopic = pings.await(LocationPing.class, p -> true, (int) stats.pingsAccepted(),
                    Duration.ofSeconds(30));
            assertEquals(3, onTopic.stream().map(LocationPing::technicianId).distinct().count());
            // Real time: no fix is dated later than now plus the last batch's 2 s.
            assertTrue(onTopic.stream().allMatch(p -> p.deviceTime().isBefore(Instant.now().plusSeconds(2))));
        }
    }

    /** Every accepted tap is on the topic, and each ARRIVED tap follows its true arrival by 15..120 s. */
    private static void assertArrivalsMatchTruth(EventProbe statuses, Stats stats, List<JsonNode> truth) {
        List<VisitStatusChanged> changes = statuses.await(VisitStatusChanged.class, c -> true,
                (int) stats.tapsAccepted(), Duration.ofSeconds(60));
        assertEquals(stats.tapsAccepted(), changes.size(), "every accepted tap is on fieldcast.visit-status");
        Map<String, Instant> arrived = new HashMap<>();
        truth.stream().filter(t -> "visit".equals(t.path("type").asText()) && t.hasNonNull("arrivedAt"))
                .forEach(t -> arrived.put(t.path("appointmentId").asText(),
                        Instant.parse(t.path("arrivedAt").asText())));
        for (VisitStatusChanged c : changes) {
            if (c.status() == VisitStatus.ARRIVED) {
                long lag = Duration.between(arrived.get(c.appointmentId().toString()), c.deviceTime()).toSeconds();
                // The tap follows the real arrival by 15..120 s (walking to the door).
                assertTrue(lag >= 15 && lag <= 120, "ARRIVED tap " + lag + " s after the true arrival");
            }
        }
    }

    private static List<JsonNode> readTruth(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    private static Map<String, List<Instant[]>> daysByTechnician(List<JsonNode> truth) {
        Map<String, List<Instant[]>> days = new HashMap<>();
        truth.stream().filter(t -> "day".equals(t.path("type").asText())).forEach(t -> days
                .computeIfAbsent(t.path("technicianId").asText(), k -> new ArrayList<>())
                .add(new Instant[]{Instant.parse(t.path("leftHomeAt").asText()).minusSeconds(1),
                        Instant.parse(t.path("backHomeAt").asText()).plusSeconds(1)}));
        return days;
    }
}
