package io.fieldcast.bench.ops;

import io.fieldcast.bench.BenchTokens;
import io.fieldcast.bench.Checkout;
import io.fieldcast.bench.Options;
import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.platform.launcher.RuntimeEnvFile;
import io.fieldcast.platform.launcher.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fieldcast bench ops [--days 90] [--technicians 50] [--requests 100] [--seed 1] [--import-appointments 300]
 * [--webhook-events 1500] [--receiver-down 45]}: the operations page over a
 * quarter of a 50-technician company. Starts the packaged eta-service on the bench's own runtime, publishes the
 * history to Kafka as the platform would ({@link OpsHistory}), waits until the read model holds all of it (and the
 * service's other consumers have caught up, so they do not share the timed CPU), then times the page's one request,
 * {@code GET /api/ops/report}, through HTTP: a quarter of one territory, the last month and the last week of every
 * territory, in turn; then bulk admin by CSV on dispatch-service ({@link CsvImport}) and outbound webhooks with the
 * receiver down for a while ({@link WebhookDelivery}) on customer-notify. Each phase adds its figures to the final
 * line, in the order the phases ran.
 */
public final class OpsBench {

    /** One step of the benchmark; its figures go on the final BENCH line in the order the phases ran. */
    interface Phase {
        void run(Context context, Map<String, String> figures) throws Exception;
    }

    /** What every phase may use: the options, the runtime's settings, the started service and a token for it. */
    record Context(Map<String, String> options, Map<String, String> env, String url, String token, OpsHistory history) {
    }

    private OpsBench() {
    }

    static List<Phase> phases() {
        // The report is timed on a quiet machine; the other services start after it.
        return List.of(OpsBench::publishHistory, new ReadModelWait(), new ReportTiming(), new CsvImport(),
                new WebhookDelivery());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.pairs(args);
        int days = Integer.parseInt(options.getOrDefault("days", "90"));
        int technicians = Integer.parseInt(options.getOrDefault("technicians", "50"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        Path home = Path.of(System.getenv().getOrDefault("FIELDCAST_HOME", ".fieldcast"));
        Map<String, String> env = RuntimeEnvFile.read(home.resolve("runtime.env"));
        Files.createDirectories(home.resolve("logs"));
        Path log = home.resolve("logs/bench-ops-service.log");
        // The history ends yesterday (UTC), a quarter at most: the page's longest range.
        LocalDate to = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        OpsHistory history = new OpsHistory(seed, technicians, to.minusDays(days - 1L), to);
        System.err.printf("bench ops: starting eta-service (log %s)…%n", log);
        try (ServiceProcess service = ServiceProcess.module(Checkout.root(), "eta-service")
                .port("FIELDCAST_ETA_PORT", 0).env(env)
                // Straight-line drives (the page's travel is the routes' road time either way; no graph to load),
                // no training, no sweep of today's routes: the bench measures the read model and the report.
                .jvmArgs(List.of("-Xmx1g", "-Dfieldcast.road.enabled=false", "-Dfieldcast.eta.training.nightly=false",
                        "-Dfieldcast.eta.forecast.sweep-every=PT0S", "-Dquarkus.log.level=WARN"))
                .log(log).start()) {
            service.awaitReady(Duration.ofSeconds(120));
            String token = new BenchTokens(Path.of(env.get("FIELDCAST_JWT_PRIVATE_KEY")),
                    "https://fieldcast.io/platform").forUser("bench-dispatcher", "dispatcher");
            Context context = new Context(options, env, service.url(), token, history);
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("days", String.valueOf(days));
            figures.put("technicians", String.valueOf(technicians));
            for (Phase phase : phases()) {
                phase.run(context, figures);
            }
            StringBuilder line = new StringBuilder("BENCH ops");
            figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
        }
    }

    /** Publishes the history day by day, with progress; its count of appointments goes on the line. */
    static void publishHistory(Context context, Map<String, String> figures) throws Exception {
        OpsHistory history = context.history();
        long started = System.nanoTime();
        try (KafkaProducer<String, FieldcastEvent> producer = bulkProducer(context.env()
                .get("FIELDCAST_KAFKA_BOOTSTRAP"))) {
            int total = (int) (history.to().toEpochDay() - history.from().toEpochDay()) + 1;
            int n = 0;
            for (LocalDate day = history.from(); !day.isAfter(history.to()); day = day.plusDays(1)) {
                history.day(day, e -> producer.send(new ProducerRecord<>(e.topic(), e.key(), e)));
                if (++n % 10 == 0 || n == total) {
                    System.err.printf("history: %d/%d days, %,d appointments, %,d events published%n", n, total,
                            history.expected.appointments, history.expected.events);
                }
            }
            producer.flush();
        }
        System.err.printf("history: %,d events in %.1f s%n", history.expected.events,
                (System.nanoTime() - started) / 1e9);
        figures.put("appointments", String.valueOf(history.expected.appointments));
    }

    /** Bulk load: bigger batches than the services' own producers, the same guarantees (acks=all, idempotent). */
    private static KafkaProducer<String, FieldcastEvent> bulkProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new EventSerializer());
    }
}
