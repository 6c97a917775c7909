package io.fieldcast.bench.notify;

import io.fieldcast.bench.Checkout;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.CustomerContact;
import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./fieldcast bench notify [events] [rate]}: after a warm-up round (JIT), books {@code events} appointments,
 * then publishes one ArrivalForecast per appointment at {@code rate}/s (every tenth also redelivered, with the same and with a new
 * event id) and measures event time → hand-off to the db-outbox channel. Prints
 * {@code BENCH notify events=… p50_ms=… p99_ms=… duplicates=…}.
 */
public final class NotifyBench {

    private NotifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (BenchRuntime runtime = new BenchRuntime(Checkout.root())) {
            Map<String, String> env = runtime.up();
            runtime.startService();
            try (var producer = producer(env.get("FIELDCAST_KAFKA_BOOTSTRAP"));
                 Connection db = DriverManager.getConnection("jdbc:" + env.get("FIELDCAST_PG_URL")
                                 + "?currentSchema=notify", env.getOrDefault("FIELDCAST_PG_USER", "postgres"),
                         env.getOrDefault("FIELDCAST_PG_PASSWORD", "postgres"))) {
                run(producer, db, events, rate);
            }
        }
    }

    private static void run(KafkaProducer<String, FieldcastEvent> producer, Connection db, int events, int rate)
            throws Exception {
        // Promised tomorrow, 10:00–14:00 UTC; narrowed to 11:00–12:00.
        Instant promised = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(10));
        int warmup = Math.min(1000, Math.max(events / 3, 1));
        List<UUID> warm = book(producer, db, warmup, promised);
        System.err.printf("bench: warming up with %d forecasts at %d/s%n", warmup, rate);
        publishForecasts(producer, warm, rate, promised);
        awaitCount(db, "select count(*) from notification where kind = 'WINDOW_NARROWED' and state = 'SENT' "
                + "and appointment_id = any(?)", warm, warmup);

        List<UUID> ids = book(producer, db, events, promised);
        System.err.printf("bench: %d appointments booked; publishing forecasts at %d/s%n", events, rate);
        double seconds = publishForecasts(producer, ids, rate, promised);
        awaitCount(db, "select count(*) from notification where kind = 'WINDOW_NARROWED' and state = 'SENT' "
                + "and appointment_id = any(?)", ids, events);
        report(db, ids, events, seconds);
    }

    private static List<UUID> book(KafkaProducer<String, FieldcastEvent> producer, Connection db, int n,
                                   Instant promised) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            send(producer, new AppointmentBooked(Events.newId(), Instant.now(), 1, id, "bench",
                    ZoneOffset.UTC.getId(), "REPAIR", new CustomerContact(UUID.randomUUID(), "Bench", "+1555" + i,
                    null, "en", true, false), "1 Bench St", new GeoPosition(40.7, -74.0), promised,
                    promised.plus(Duration.ofHours(4)), 1, null));
        }
        producer.flush();
        awaitCount(db, "select count(*) from appointment_contact where appointment_id = any(?)", ids, n);
        return ids;
    }

    /** One forecast per appointment at {@code rate}/s, every tenth redelivered twice; returns the seconds taken. */
    private static double publishForecasts(KafkaProducer<String, FieldcastEvent> producer, List<UUID> ids, int rate,
                                           Instant promised) throws InterruptedException {
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            long wait = start + i * periodNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            UUID id = ids.get(i);
            Instant window = promised.plus(Duration.ofHours(1));
            var forecast = new ArrivalForecast(Events.newId(), Instant.now(), 1, id, "bench-tech",
                    window.plus(Duration.ofMinutes(30)), window, window.plus(Duration.ofHours(1)), 0.8, promised,
                    promised.plus(Duration.ofHours(4)), "bench", 1, "bench");
            send(producer, forecast);
            if (i % 10 == 0) {
                send(producer, forecast); // redelivery
                send(producer, new ArrivalForecast(Events.newId(), forecast.occurredAt(), 1, id, "bench-tech",
                        forecast.p50Arrival(), window, forecast.windowEnd(), 0.8, promised, forecast.promisedEnd(),
                        "bench", 1, "bench")); // a producer retry under a new event id
            }
        }
        producer.flush();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(Connection db, List<UUID> ids, int events, double seconds) throws SQLException {
        List<Long> latencies = new ArrayList<>();
        long rows;
        try (var st = db.prepareStatement("""
                select extract(epoch from (handed_at - triggered_at)) * 1000 from notification
                where kind = 'WINDOW_NARROWED' and appointment_id = any(?)""")) {
            st.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    latencies.add(Math.round(rs.getDouble(1)));
                }
            }
        }
        rows = latencies.size();
        latencies.sort(Long::compare);
        List<Long> decided = new ArrayList<>();
        try (var st = db.prepareStatement("""
                select extract(epoch from (created_at - triggered_at)) * 1000 from notification
                where kind = 'WINDOW_NARROWED' and appointment_id = any(?)""")) {
            st.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    decided.add(Math.round(rs.getDouble(1)));
                }
            }
        }
        decided.sort(Long::compare);
        System.out.printf("bench: event -> decision row p50 %d ms, p99 %d ms%n", percentile(decided, 0.5),
                percentile(decided, 0.99));
        long duplicates = rows - distinct(db, ids);
        System.out.printf("bench: %d forecasts in %.1f s (%.0f/s) plus %d redeliveries%n", events, seconds,
                events / seconds, 2 * ((events + 9) / 10));
        System.out.printf("BENCH notify events=%d p50_ms=%d p99_ms=%d max_ms=%d duplicates=%d%n", events,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.getLast(), duplicates);
    }

    private static long distinct(Connection db, List<UUID> ids) throws SQLException {
        try (var st = db.prepareStatement("select count(distinct appointment_id) from notification "
                + "where kind = 'WINDOW_NARROWED' and appointment_id = any(?)")) {
            st.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static void awaitCount(Connection db, String sql, List<UUID> ids, int wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            try (var st = db.prepareStatement(sql)) {
                st.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                try (var rs = st.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
            }
            if (count >= wanted) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("only " + count + " of " + wanted + " after 120 s: " + sql);
    }

    private static void send(KafkaProducer<String, FieldcastEvent> producer, FieldcastEvent event) {
        producer.send(new ProducerRecord<>(event.topic(), event.key(), event));
    }

    /**
     * Produces as eta-service's publisher does (the platform's producer settings: 2 ms linger, lz4). One request per
     * record (no linger) cost the load generator and the broker more CPU than the service under test on two cores.
     */
    private static KafkaProducer<String, FieldcastEvent> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new EventSerializer());
    }
}
