package io.fieldcast.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.Options;
import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * {@code ./fieldcast bench replan}: time from a cancellation on a live day to the re-planned routes on Kafka.
 * A fresh territory whose local time is early morning now, so "today" can be booked, planned and disturbed.
 */
public final class ReplanBench {

    private final BenchHttp api;

    private ReplanBench(String url) {
        this.api = new BenchHttp(url);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Options.pairs(args);
        new ReplanBench(opt.getOrDefault("url", "http://localhost:8081")).run(
                opt.getOrDefault("user", "bench"), opt.getOrDefault("password", "bench-secret"),
                Integer.parseInt(opt.getOrDefault("technicians", "50")),
                Integer.parseInt(opt.getOrDefault("visits", "500")),
                Integer.parseInt(opt.getOrDefault("samples", "30")),
                Integer.parseInt(opt.getOrDefault("warmup", "3")),
                Integer.parseInt(opt.getOrDefault("solve-seconds", "20")),
                opt.getOrDefault("kafka", System.getenv().getOrDefault("FIELDCAST_KAFKA_BOOTSTRAP", "localhost:19092")),
                Long.parseLong(opt.getOrDefault("seed", "1")));
    }

    private void run(String user, String password, int technicians, int visits, int samples, int warmup,
                     int solveSeconds,
                     String kafka, long seed) throws Exception {
        api.login(user, password);
        Random random = new Random(seed);
        // The zone where it is 06:00–07:00 right now: today there is still all ahead.
        int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(6 - utcHour + 12, 24) - 12;
        ZoneOffset zone = ZoneOffset.ofHours(offset);
        LocalDate today = LocalDate.now(zone);
        String territory = "replan-" + seed + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        JsonNode any = api.get("/api/territories");
        if (any.isEmpty()) {
            throw new IllegalStateException("start dispatch-service with fieldcast.seed.company so the map is known");
        }
        double lat = any.get(0).get("centerLat").asDouble();
        double lon = any.get(0).get("centerLon").asDouble();
        api.put("/api/territories/" + territory, Map.of("id", territory, "name", territory, "timeZone", zone.getId(),
                "centerLat", lat, "centerLon", lon, "radiusKm", 40,
                "windowProfile", "09:00-11:00,11:00-13:00,13:00-15:00,15:00-17:00", "emergencyReservePct", 0));
        api.put("/api/job-types/BENCH", Map.of("code", "BENCH", "name", "bench job", "defaultDurationMin", 30));
        String allWeek = "07:30-18:30";
        Map<String, String> shifts = new LinkedHashMap<>();
        for (var d : DayOfWeek.values()) {
            shifts.put(d.name(), allWeek);
        }
        int made = 0;
        while (made < technicians) {
            double[] home = place(lat, lon, random);
            try {
                api.put("/api/technicians/" + territory + "-t" + made, Map.of("id", territory + "-t" + made,
                        "name", "Bench " + made, "phone", "+12125550100", "territoryId", territory,
                        "homeLat", home[0], "homeLon", home[1], "weeklyShifts", shifts, "breakMinutes", 30,
                        "breakWindow", "11:30-14:00"));
                made++;
            } catch (IllegalStateException offMap) {
                // a home off the road network: draw another
            }
        }
        List<String> booked = new ArrayList<>();
        int[] starts = {9, 11, 13, 15};
        int attempts = 0;
        while (booked.size() < visits && attempts++ < visits * 3) {
            double[] at = place(lat, lon, random);
            int h = starts[random.nextInt(starts.length)];
            Instant start = today.atTime(LocalTime.of(h, 0)).toInstant(zone);
            var response = api.postRaw("/api/appointments", Map.of(
                    "customer", Map.of("name", "Bench Customer", "phone", "+12125550199"),
                    "address", "bench", "lat", at[0], "lon", at[1], "jobType", "BENCH",
                    "windowStart", start.toString(), "windowEnd", start.plusSeconds(7200).toString(),
                    "territoryId", territory));
            if (response.statusCode() == 201) {
                booked.add(BenchHttp.JSON.readTree(response.body()).get("id").asText());
                if (booked.size() % 100 == 0) {
                    System.err.printf("bench replan: booked %d/%d visits%n", booked.size(), visits);
                }
            }
        }
        String plan = "/api/plans/" + territory + "/" + today;
        System.err.printf("bench replan: solving %d visits for %d s…%n", booked.size(), solveSeconds);
        api.post(plan + "/solve", Map.of("seconds", solveSeconds));
        while (!api.get(plan).get("status").asText().equals("SOLVED")) {
            Thread.sleep(500);
        }
        JsonNode published = api.post(plan + "/publish", Map.of());
        System.err.println("bench replan: published " + published);

        List<Long> latencies = new ArrayList<>();
        List<Long> solveMs = new ArrayList<>();
        List<Integer> routesSent = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> routes = consumer(kafka)) {
            Collections.shuffle(booked, random);
            // The first re-plans warm the JIT up (as on any long-running service); they are shown, not counted.
            for (int i = 0; i < Math.min(samples + warmup, booked.size()); i++) {
                String id = booked.get(i);
                long t0 = System.nanoTime();
                var cancel = api.postRaw("/api/appointments/" + id + "/cancel", Map.of("reason", "bench"));
                if (cancel.statusCode() != 200) {
                    continue;
                }
                long latency = awaitRoute(routes, territory, t0);
                if (i >= warmup) {
                    latencies.add(latency);
                }
                Thread.sleep(300); // let the re-plan finish before the next disturbance (no merging)
                JsonNode recent = api.get("/api/plans/" + territory + "/replans");
                if (!recent.isEmpty() && i >= warmup) {
                    solveMs.add(recent.get(0).get("solveMs").asLong());
                    routesSent.add(recent.get(0).get("routesPublished").asInt());
                }
                System.err.printf("bench replan: %s %d cancel → routes on Kafka in %d ms%n",
                        i < warmup ? "warm-up" : "sample", i + 1, latency);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] solves = solveMs.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%nre-plans of %s on %s (%d visits, %d technicians); event = a cancellation%n",
                territory, today, booked.size(), technicians);
        System.out.printf("BENCH replan technicians=%d visits=%d samples=%d p50_ms=%d p99_ms=%d max_ms=%d "
                        + "solve_p50_ms=%d routes_per_replan=%.1f%n", technicians, booked.size(), sorted.length,
                pct(sorted, 0.5), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                pct(solves, 0.5), routesSent.stream().mapToInt(Integer::intValue).average().orElse(0));
    }

    private static long awaitRoute(KafkaConsumer<String, byte[]> routes, String territory, long t0) {
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (var record : routes.poll(Duration.ofMillis(20))) {
                if (EventCodec.tryDecode(record.value()) instanceof Decoded.Event e
                        && e.event() instanceof RoutePlanned r && r.territoryId().equals(territory)) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    drainFor(routes, Duration.ofMillis(200));
                    return ms;
                }
            }
        }
        throw new IllegalStateException("no re-planned route within 60 s");
    }

    private static void drainFor(KafkaConsumer<String, byte[]> routes, Duration window) {
        long until = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < until) {
            routes.poll(Duration.ofMillis(20));
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static double[] place(double lat, double lon, Random random) {
        double r = 0.09 * Math.sqrt(random.nextDouble());
        double a = random.nextDouble() * 2 * Math.PI;
        return new double[] {lat + r * Math.sin(a), lon + r * Math.cos(a) / Math.cos(Math.toRadians(lat))};
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
