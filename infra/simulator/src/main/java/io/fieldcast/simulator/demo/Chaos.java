package io.fieldcast.simulator.demo;

import io.fieldcast.events.Topics;
import io.fieldcast.platform.launcher.ServiceGroup;
import io.fieldcast.platform.launcher.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@code ./fieldcast bench chaos} does to the platform while the day is played: kills a random instance of
 * every service {@code killsPerService} times at random moments ({@code kill -9}) and starts it again as an
 * orchestrator would, kills the Kafka broker and PostgreSQL once each (the local runtime's supervisor starts them
 * again), and writes {@code poisonPerTopic} poison events (valid JSON, impossible content) on every topic. Records
 * how long each killed instance took to be ready again.
 */
public final class Chaos implements Demo.DayHook {

    /** The poison events' keys start with this, so the dead-letter topics can be searched for them. */
    public static final String POISON_KEY = "poison-";

    /**
     * What to do: {@code killsPerService} kills of each service in {@code services} (all when empty), each killed
     * instance started again when {@code restart}; the broker and PostgreSQL killed once each when
     * {@code infrastructure}; {@code poisonPerTopic} poison events on every topic.
     */
    public record Settings(int killsPerService, boolean restart, Set<String> services, boolean infrastructure,
                           int poisonPerTopic) {

        /** The full run of {@code ./fieldcast bench chaos}. */
        public static Settings full(int killsPerService, int poisonPerTopic) {
            return new Settings(killsPerService, true, Set.of(), true, poisonPerTopic);
        }
    }

    private final Duration dayLength;
    private final Settings settings;
    private final Random random;
    private final PrintStream out;
    private final List<Long> recoveryMs = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile int kills;
    private volatile int brokerRestarts;
    private volatile int pgRestarts;
    private volatile int poison;
    private volatile Thread thread;
    private volatile boolean stopped;

    /** @param dayLength how long the day takes in wall time (the moments are spread over its first 80 %) */
    public Chaos(Duration dayLength, Settings settings, long seed, PrintStream out) {
        this.dayLength = dayLength;
        this.settings = settings;
        this.random = new Random(seed);
        this.out = out;
    }

    private sealed interface Act permits Kill, KillBroker, KillPostgres, Poison {
    }

    private record Kill(ServiceGroup group, int index) implements Act {
    }

    private record KillBroker() implements Act {
    }

    private record KillPostgres() implements Act {
    }

    private record Poison() implements Act {
    }

    @Override
    public void start(Demo demo) {
        List<Act> acts = new ArrayList<>();
        for (ServiceGroup group : demo.services()) {
            if (settings.services().isEmpty() || settings.services().contains(group.module())) {
                for (int k = 0; k < settings.killsPerService(); k++) {
                    acts.add(new Kill(group, random.nextInt(group.instances().size())));
                }
            }
        }
        if (settings.infrastructure()) {
            acts.add(new KillBroker());
            acts.add(new KillPostgres());
        }
        if (settings.poisonPerTopic() > 0) {
            acts.add(new Poison());
        }
        Collections.shuffle(acts, random);
        long span = dayLength.toMillis() * 8 / 10;
        long gap = span / (acts.size() + 1);
        thread = Thread.ofPlatform().daemon().name("chaos").start(() -> {
            // The moments are fractions of the played day: they start when its clock does, not while it is booked.
            if (!awaitTheDay(demo)) {
                return;
            }
            for (Act act : acts) {
                if (!pause(gap / 2 + (long) (random.nextDouble() * gap))) {
                    return;
                }
                try {
                    perform(demo, act);
                } catch (Exception e) {
                    failures.add(act + ": " + e);
                    out.println("  chaos: " + act + " failed: " + e);
                }
            }
        });
    }

    private boolean awaitTheDay(Demo demo) {
        try {
            return demo.awaitTheDay(() -> stopped);
        } catch (InterruptedException e) {
            return false;
        }
    }

    private boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void perform(Demo demo, Act act) throws Exception {
        switch (act) {
            case Kill k -> {
                ServiceProcess victim = k.group().instances().get(k.index());
                long t0 = System.nanoTime();
                victim.kill();
                kills++;
                if (!settings.restart()) {
                    out.printf(Locale.ROOT, "  chaos: kill -9 %s instance %d (pid %d); left dead%n",
                            k.group().module(), k.index() + 1, victim.pid());
                    return;
                }
                ServiceProcess next = k.group().restart(k.index());
                next.awaitReady(Duration.ofMinutes(3));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                recoveryMs.add(ms);
                out.printf(Locale.ROOT, "  chaos: kill -9 %s instance %d (pid %d); ready again in %.1f s%n",
                        k.group().module(), k.index() + 1, victim.pid(), ms / 1000.0);
            }
            case KillBroker b -> {
                killPidIn(demo.home().resolve("run/kafka.pid"));
                brokerRestarts++;
                out.println("  chaos: kill -9 the Kafka broker (the supervisor starts it again)");
            }
            case KillPostgres p -> {
                killPidIn(demo.home().resolve("postgres/postmaster.pid"));
                pgRestarts++;
                out.println("  chaos: kill -9 PostgreSQL (the supervisor starts it again)");
            }
            case Poison p -> {
                poison = writePoison(demo);
                out.println("  chaos: " + poison + " poison events written, " + settings.poisonPerTopic()
                        + " per topic");
            }
        }
    }

    private static void killPidIn(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process "
                + pid + " (" + pidFile + ")"));
        if (!handle.destroyForcibly()) {
            throw new IllegalStateException("kill -9 " + pid + " was refused");
        }
    }

    /** Events every consumer must decode and refuse: the right shape of JSON, nothing it could stand for. */
    private int writePoison(Demo demo) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.runtimeEnvValue("FIELDCAST_KAFKA_BOOTSTRAP"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        int written = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String topic : Topics.ALL) {
                for (int i = 0; i < settings.poisonPerTopic(); i++) {
                    String json = "{\"type\":\"" + (i % 2 == 0 ? "NoSuchEvent" : "LocationPing") + "\",\"eventId\":\""
                            + UUID.randomUUID() + "\",\"occurredAt\":\"not a time\",\"technicianId\":" + i + "}";
                    producer.send(new ProducerRecord<>(topic, POISON_KEY + topic + "-" + i, json));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    @Override
    public void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofMinutes(5)); // a restart under way finishes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int kills() {
        return kills;
    }

    public int brokerRestarts() {
        return brokerRestarts;
    }

    public int pgRestarts() {
        return pgRestarts;
    }

    public int poison() {
        return poison;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The 99th percentile of kill-to-ready times, in seconds; 0 without kills. */
    public double recoveryP99Seconds() {
        List<Long> sorted = recoveryMs.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1000.0;
    }
}
