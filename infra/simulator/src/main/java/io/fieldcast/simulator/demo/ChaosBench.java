package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.launcher.ServiceGroup;
import io.fieldcast.platform.launcher.ServiceProcess;
import io.fieldcast.simulator.api.HttpApi;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./fieldcast bench chaos}: the demo day with two instances of every service while {@link Chaos} kills
 * instances, the broker and the database and writes poison events; afterwards the cluster's checks, every poison
 * event looked for in the dead-letter topics, every consumer of every instance asked whether it is stuck, and
 * bookings counted twice. Final line {@code BENCH chaos …}.
 */
public final class ChaosBench {

    /** A consumer failing longer than this is stuck. */
    private static final long STUCK_MS = 30_000;

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> demoArgs = new ArrayList<>(List.of("--instances", "2"));
        int killsPerService = 2;
        int poisonPerTopic = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills-per-service" -> killsPerService = Integer.parseInt(args[++i]);
                case "--poison" -> poisonPerTopic = Integer.parseInt(args[++i]);
                default -> demoArgs.add(args[i]);
            }
        }
        demoArgs.add("--until-done");
        DemoOptions options = DemoOptions.parse(demoArgs.toArray(String[]::new));
        // The working day (about 10 hours with overtime) at --speed, in wall time.
        Duration day = Duration.ofMillis((long) (10.5 * 3_600_000 / options.speed()));
        Chaos chaos = new Chaos(day, Chaos.Settings.full(killsPerService, poisonPerTopic), options.seed(), System.out);
        Map<String, String> env = Demo.runtimeEnvironment();
        String line;
        try (Demo demo = Demo.fromEnvironment(options, Demo.Ports.free(), System.out).duringTheDay(chaos)) {
            Kpis kpis = demo.run();
            for (ServiceGroup group : demo.services()) {
                group.awaitReady(Duration.ofMinutes(3));
            }
            long parked = awaitParked(env.get("FIELDCAST_KAFKA_BOOTSTRAP"), chaos.poison(), Duration.ofMinutes(2));
            ClusterChecks cluster = ClusterChecks.measure(demo, kpis, env);
            System.out.println("CLUSTER " + cluster.figures());
            int stuck = stuckConsumers(demo);
            long duplicateBookings = duplicateBookings(env);
            line = String.format(Locale.ROOT, "BENCH chaos kills=%d broker_restarts=%d pg_restarts=%d poison=%d "
                            + "parked=%d accepted_pings=%d lost=%d duplicate_bookings=%d duplicate_texts=%d "
                            + "unfinished_visits=%d stuck_consumers=%d recovery_s_p99=%.1f visits=%d completed=%d "
                            + "chaos_failures=%d",
                    chaos.kills(), chaos.brokerRestarts(), chaos.pgRestarts(), chaos.poison(), parked,
                    cluster.pingsAccepted(), cluster.lost(), duplicateBookings, cluster.duplicateTexts(),
                    cluster.unfinishedVisits(), stuck, chaos.recoveryP99Seconds(), kpis.visits(), kpis.completed(),
                    chaos.failures().size());
        }
        chaos.failures().forEach(f -> System.out.println("chaos failure: " + f));
        System.out.println(line);
        System.exit(0);
    }

    /** Poison events found in the dead-letter topics (distinct keys), waiting up to {@code timeout} for all. */
    public static long awaitParked(String bootstrap, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long found = parked(bootstrap);
        while (found < expected && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            found = parked(bootstrap);
        }
        return found;
    }

    private static long parked(String bootstrap) {
        Set<String> keys = new HashSet<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                consumer.partitionsFor(Topics.dlq(topic)).forEach(p -> partitions.add(new TopicPartition(p.topic(),
                        p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(Chaos.POISON_KEY)) {
                        keys.add(r.key());
                    }
                }
            }
        }
        return keys.size();
    }

    /** Consumers, on every running instance of every service, that are dead or have been failing for long. */
    public static int stuckConsumers(Demo demo) {
        int stuck = 0;
        String token = demo.dispatcherToken();
        for (ServiceGroup group : demo.services()) {
            for (ServiceProcess instance : group.instances()) {
                if (!instance.alive()) {
                    continue; // killed and left dead (the short chaos of the end-to-end test)
                }
                JsonNode consumers = new HttpApi(HttpClient.newHttpClient(), instance.url())
                        .call("GET", "/api/admin/consumers", null, token, Set.of(200)).body();
                for (JsonNode c : consumers) {
                    if (!c.path("running").asBoolean() || c.path("failingForMs").asLong() > STUCK_MS) {
                        System.out.println("stuck: " + group.module() + " :" + instance.port() + " " + c);
                        stuck++;
                    }
                }
            }
        }
        return stuck;
    }

    /** Appointments booked twice: the same customer, day and window. */
    private static long duplicateBookings(Map<String, String> env) throws Exception {
        try (Connection db = ClusterChecks.connect(env)) {
            return ClusterChecks.count(db, """
                    select coalesce(sum(n - 1), 0) from (
                        select count(*) as n from dispatch.appointment where status <> 'CANCELED'
                        group by customer_id, service_date, window_start having count(*) > 1) d""");
        }
    }
}
