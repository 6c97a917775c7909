package io.fieldcast.bench.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fieldcast.bench.BenchTokens;
import io.fieldcast.bench.Checkout;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.CustomerContact;
import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.launcher.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound webhooks with the receiver down for a while in the middle: starts the packaged customer-notify, lets it
 * catch up with the history, subscribes a local receiver to bookings, then publishes {@code --webhook-events} (1,500)
 * new bookings in three parts: with the receiver up, while it answers 503 for {@code --receiver-down} (45 s), and
 * after it is back. Waits until every booking's delivery arrived. {@code webhook_delivered} counts the bookings that
 * reached the receiver, {@code webhook_lost} those that never did (the target is 0), {@code webhook_duplicates} the
 * second arrivals a receiver de-duplicates by event id.
 */
final class WebhookDelivery implements OpsBench.Phase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Override
    public void run(OpsBench.Context context, Map<String, String> figures) throws Exception {
        int events = Integer.parseInt(context.options().getOrDefault("webhook-events", "1500"));
        Duration down = Duration.ofSeconds(Long.parseLong(context.options().getOrDefault("receiver-down", "45")));
        Map<String, String> env = context.env();
        Path log = Path.of(env.getOrDefault("FIELDCAST_HOME", ".fieldcast"), "logs", "bench-ops-notify.log");
        System.err.printf("webhooks: starting customer-notify (log %s)…%n", log);
        try (ServiceProcess notify = ServiceProcess.module(Checkout.root(), "customer-notify")
                .port("FIELDCAST_NOTIFY_PORT", 0).env(env)
                .jvmArgs(List.of("-Xmx768m", "-Dfieldcast.road.enabled=false", "-Dquarkus.log.level=WARN",
                        "-Dfieldcast.notify.policy.quiet-start=00:00", "-Dfieldcast.notify.policy.quiet-end=00:00"))
                .log(log).start()) {
            notify.awaitReady(Duration.ofSeconds(180));
            // The history's events reach notify's consumers too; subscribe once they are through it, so the
            // subscription receives the bookings below and nothing else.
            ConsumerLag.awaitGroup(env.get("FIELDCAST_KAFKA_BOOTSTRAP"), "notify.webhooks",
                    Set.of(Topics.APPOINTMENTS, Topics.VISIT_STATUS), TIMEOUT);
            Set<String> received = ConcurrentHashMap.newKeySet();
            AtomicLong posts = new AtomicLong();
            AtomicBoolean up = new AtomicBoolean(true);
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            receiver.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (up.get()) {
                    posts.incrementAndGet();
                    received.add(exchange.getRequestHeaders().getFirst("Fieldcast-Event-Id"));
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
                exchange.close();
            });
            receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            receiver.start();
            try {
                String admin = new BenchTokens(Path.of(env.get("FIELDCAST_JWT_PRIVATE_KEY")),
                        "https://fieldcast.io/platform").forUser("bench-admin", "admin");
                String subscription = subscribe(notify.url(), admin,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
                List<String> published = new ArrayList<>();
                long started = System.nanoTime();
                try (KafkaProducer<String, FieldcastEvent> producer = producer(env.get("FIELDCAST_KAFKA_BOOTSTRAP"))) {
                    int third = events / 3;
                    publish(producer, third, published);
                    Thread.sleep(5_000);
                    up.set(false);
                    System.err.printf("webhooks: receiver down for %d s%n", down.toSeconds());
                    publish(producer, third, published);
                    Thread.sleep(down.toMillis());
                    up.set(true);
                    System.err.println("webhooks: receiver back");
                    publish(producer, events - 2 * third, published);
                }
                while (!received.containsAll(published)) {
                    long missing = published.stream().filter(id -> !received.contains(id)).count();
                    System.err.printf("webhooks: %,d/%,d delivered, %,d waiting (%.0f s)%n", published.size() - missing,
                            published.size(), missing, (System.nanoTime() - started) / 1e9);
                    if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                        break;
                    }
                    Thread.sleep(5_000);
                }
                long delivered = published.stream().filter(received::contains).count();
                JsonNode state = get(notify.url() + "/api/webhooks/" + subscription, admin);
                System.err.printf("webhooks: %,d delivered of %,d in %.0f s; the subscription: %s pending, %s failed, "
                                + "%s failures in a row%n", delivered, published.size(),
                        (System.nanoTime() - started) / 1e9, state.path("pending").asText(),
                        state.path("failed").asText(), state.path("consecutiveFailures").asText());
                figures.put("webhook_delivered", String.valueOf(delivered));
                figures.put("webhook_lost", String.valueOf(published.size() - delivered));
                figures.put("webhook_duplicates", String.valueOf(posts.get() - received.size()));
            } finally {
                receiver.stop(0);
            }
        }
    }

    private static void publish(KafkaProducer<String, FieldcastEvent> producer, int n, List<String> published) {
        Instant now = Instant.now();
        Instant window = now.plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < n; i++) {
            UUID appointment = UUID.randomUUID();
            UUID eventId = Events.newId();
            var booked = new AppointmentBooked(eventId, now, AppointmentBooked.SCHEMA_VERSION, appointment, "bench",
                    "UTC", "REPAIR", new CustomerContact(UUID.randomUUID(), "Bench", "+1212555" + String.format(
                    "%04d", i % 10_000), null, "en", false, false), "1 Bench St", new GeoPosition(45.0, -30.0),
                    window, window.plus(4, ChronoUnit.HOURS), 3, null, null, "console");
            producer.send(new ProducerRecord<>(Topics.APPOINTMENTS, appointment.toString(), booked));
            published.add(eventId.toString());
        }
        producer.flush();
        System.err.printf("webhooks: %,d bookings published%n", published.size());
    }

    private static String subscribe(String url, String token, String receiver) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                        + "/api/webhooks")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("url", receiver,
                        "events", List.of("appointment.booked"), "description", "bench receiver")))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST /api/webhooks: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static KafkaProducer<String, FieldcastEvent> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10), new StringSerializer(), new EventSerializer());
    }
}
