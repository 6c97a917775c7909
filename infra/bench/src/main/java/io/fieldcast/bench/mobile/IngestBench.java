package io.fieldcast.bench.mobile;

import io.fieldcast.bench.BenchTokens;
import io.fieldcast.bench.Checkout;
import io.fieldcast.bench.Options;
import io.fieldcast.platform.launcher.RuntimeEnvFile;
import io.fieldcast.platform.launcher.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./fieldcast bench ingest}: starts the packaged service against the running local runtime
 * ({@code ./fieldcast up}), then posts batches of pings for N simulated technicians at a fixed rate (open loop:
 * latency counts from when a batch was due, so a slow service cannot hide behind a slow generator), and finally
 * reads the topic back to prove every accepted ping is there. Prints one {@code BENCH ingest ...} line.
 * Options: {@code --technicians 200 --rate 10000 (pings/s) --seconds 60 --warmup 40 (ramp) --batch 20}.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.pairs(args);
        int technicians = Integer.parseInt(options.getOrDefault("technicians", "200"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "10000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "40"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "20"));

        Path home = Path.of(System.getenv().getOrDefault("FIELDCAST_HOME", ".fieldcast"));
        Path runtimeEnv = home.resolve("runtime.env");
        if (!Files.isRegularFile(runtimeEnv)) {
            System.err.println("bench ingest needs PostgreSQL and Kafka running: ./fieldcast up first (no "
                    + runtimeEnv + ")");
            System.exit(2);
        }
        Map<String, String> env = RuntimeEnvFile.read(runtimeEnv);
        Path jar = ServiceProcess.jar(Checkout.root(), "tech-mobile-api");
        Files.createDirectories(home.resolve("logs"));
        Path log = home.resolve("logs/bench-ingest-service.log");
        String runId = "b" + Long.toString(System.currentTimeMillis(), 36);
        String bootstrap = env.get("FIELDCAST_KAFKA_BOOTSTRAP");
        System.err.println("baseline: producer straight to Kafka, no HTTP…");
        double baseline = KafkaBaseline.pingsPerSecond(bootstrap, 100_000, technicians);
        TopicCheck topic = new TopicCheck(bootstrap, runId);
        topic.markStart();

        System.err.printf("starting tech-mobile-api (log %s)…%n", log);
        try (ServiceProcess service = ServiceProcess.ofJar(jar).port("FIELDCAST_MOBILE_PORT", 0).env(env)
                // The ingest path needs no map: skip loading the road graph (and its memory) in the measured JVM.
                .jvmArgs(List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC", "-Dfieldcast.road.enabled=false"))
                .log(log).start()) {
            service.awaitReady(Duration.ofSeconds(90));
            BenchTokens tokens = new BenchTokens(Path.of(env.get("FIELDCAST_JWT_PRIVATE_KEY")),
                    "https://fieldcast.io/platform");
            List<String> bearer = new ArrayList<>();
            for (int t = 0; t < technicians; t++) {
                bearer.add("Bearer " + tokens.forTechnician("bench-" + t, "bench-phone-" + t));
            }
            Load load = new Load(URI.create(service.url() + "/api/me/locations"), bearer, batch, runId);
            System.err.printf("warm-up ramp %d s, then %d s at %d pings/s (%d technicians, batches of %d)…%n",
                    warmup, seconds, rate, technicians, batch);
            Load.Result result = load.run(rate, warmup, seconds);
            topic.markEnd();
            BitSet found = topic.scan(load.batches(), batch);
            long lost = 0;
            BitSet accepted = load.acceptedBatches();
            for (int b = accepted.nextSetBit(0); b >= 0; b = accepted.nextSetBit(b + 1)) {
                for (int k = 0; k < batch; k++) {
                    if (!found.get(b * batch + k)) {
                        lost++;
                    }
                }
            }
            long acceptedPings = (long) accepted.cardinality() * batch;
            System.err.printf("errors by status: %s%n", result.errors());
            System.out.printf(Locale.ROOT, "BENCH ingest technicians=%d pings_per_s=%.0f p50_ms=%.1f p99_ms=%.1f "
                            + "accepted=%d on_topic=%d lost=%d baseline_kafka_only_pings_per_s=%.0f%n", technicians,
                    result.pingsPerSecond(), result.p50Ms(), result.p99Ms(), acceptedPings, found.cardinality(), lost,
                    baseline);
        }
        System.exit(0);
    }

    /** The open-loop generator. */
    static final class Load {
        private final URI uri;
        private final List<String> bearer;
        private final int batch;
        private final String runId;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory())).build();
        private final BitSet accepted = new BitSet();
        private final Map<Integer, AtomicInteger> errors = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final ArrayDeque<Pending>[] waiting;
        private final boolean[] busy;
        private long[] latencyNanos;
        private long[] doneAtNanos;
        private int batches;

        Load(URI uri, List<String> bearer, int batch, String runId) {
            this.uri = uri;
            this.bearer = bearer;
            this.batch = batch;
            this.runId = runId;
            @SuppressWarnings("unchecked")
            ArrayDeque<Pending>[] queues = new ArrayDeque[bearer.size()];
            for (int t = 0; t < queues.length; t++) {
                queues[t] = new ArrayDeque<>();
            }
            this.waiting = queues;
            this.busy = new boolean[bearer.size()];
        }

        record Result(double pingsPerSecond, double p50Ms, double p99Ms, Map<Integer, AtomicInteger> errors) {
        }

        Result run(int pingsPerSecond, int warmupSeconds, int seconds) throws InterruptedException {
            double batchesPerSecond = (double) pingsPerSecond / batch;
            long[] dueOffsets = schedule(batchesPerSecond, warmupSeconds, seconds);
            int total = dueOffsets.length;
            long warmupNanos = warmupSeconds * 1_000_000_000L;
            int warmupBatches = (int) Arrays.stream(dueOffsets).filter(d -> d < warmupNanos).count();
            latencyNanos = new long[total];
            doneAtNanos = new long[total];
            Arrays.fill(latencyNanos, -1);
            long start = System.nanoTime() + 100_000_000;
            Random random = new Random(42);
            int report = (int) (batchesPerSecond * 10);
            for (int i = 0; i < total; i++) {
                long due = start + dueOffsets[i];
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                due(i, due, random);
                if (i > 0 && i % report == 0) {
                    System.err.printf("  %d s, in flight %d, queued on phones %d%n", dueOffsets[i] / 1_000_000_000L,
                            inFlight.get(), queuedOnPhones());
                }
            }
            long windowStart = start + warmupSeconds * 1_000_000_000L;
            long windowEnd = windowStart + seconds * 1_000_000_000L;
            batches = total;
            long drainUntil = System.nanoTime() + 30_000_000_000L;
            while ((inFlight.get() > 0 || anyWaiting()) && System.nanoTime() < drainUntil) {
                Thread.sleep(10);
            }
            long[] measured = Arrays.stream(latencyNanos, warmupBatches, total).filter(l -> l >= 0).sorted().toArray();
            // Throughput by completion: batches acknowledged inside the measured window (a service that falls
            // behind shows its real rate here, and its queueing in the latencies).
            int acceptedInWindow = 0;
            synchronized (accepted) {
                for (int b = accepted.nextSetBit(0); b >= 0; b = accepted.nextSetBit(b + 1)) {
                    if (doneAtNanos[b] >= windowStart && doneAtNanos[b] < windowEnd) {
                        acceptedInWindow++;
                    }
                }
            }
            double p50 = measured.length == 0 ? Double.NaN : measured[measured.length / 2] / 1e6;
            double p99 = measured.length == 0 ? Double.NaN
                    : measured[Math.min(measured.length - 1, (int) Math.ceil(measured.length * 0.99) - 1)] / 1e6;
            return new Result((double) acceptedInWindow * batch / seconds, p50, p99, errors);
        }

        /**
         * A phone sends one batch at a time: a batch that falls due while the technician's previous one is still
         * unanswered waits for it (its latency still counts from when it was due). So at most one connection and
         * one request per technician, like the real fleet.
         */
        private void due(int index, long due, Random random) {
            int technician = index % bearer.size();
            HttpRequest request = request(index, technician, random);
            synchronized (waiting[technician]) {
                if (busy[technician]) {
                    waiting[technician].add(new Pending(index, due, request));
                    return;
                }
                busy[technician] = true;
            }
            send(new Pending(index, due, request), technician);
        }

        private record Pending(int index, long due, HttpRequest request) {
        }

        private HttpRequest request(int index, int technician, Random random) {
            StringBuilder body = new StringBuilder(batch * 190).append("{\"pings\":[");
            String now = Instant.now().toString();
            double lat = 52.3 + random.nextDouble() * 0.1;
            double lon = 4.8 + random.nextDouble() * 0.1;
            for (int k = 0; k < batch; k++) {
                if (k > 0) {
                    body.append(',');
                }
                body.append(String.format(Locale.ROOT, "{\"clientId\":\"%s-%d-%d\",\"deviceTime\":\"%s\","
                                + "\"lat\":%.6f,\"lon\":%.6f,\"accuracy\":8.0,\"speed\":11.2,\"heading\":87.0}",
                        runId, index, k, now, lat + k * 1e-5, lon + k * 1e-5));
            }
            body.append("]}");
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer.get(technician)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }

        private void send(Pending pending, int technician) {
            inFlight.incrementAndGet();
            var answer = client.sendAsync(pending.request(), HttpResponse.BodyHandlers.ofString());
            answer.whenComplete((response, error) -> {
                long doneAt = System.nanoTime();
                latencyNanos[pending.index()] = doneAt - pending.due();
                int status = error != null ? -1 : response.statusCode();
                if (status == 202 && response.body().contains("\"accepted\":" + batch)) {
                    synchronized (accepted) {
                        doneAtNanos[pending.index()] = doneAt;
                        accepted.set(pending.index());
                    }
                } else {
                    errors.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                inFlight.decrementAndGet();
                Pending next;
                synchronized (waiting[technician]) {
                    next = waiting[technician].poll();
                    busy[technician] = next != null;
                }
                if (next != null) {
                    send(next, technician);
                }
            });
        }

        /**
         * Due times from the start: the warm-up ramps linearly from 10 % to the full rate (the JIT warms up
         * without a backlog that would spill into the measurement), then the full rate for {@code seconds}.
         */
        private static long[] schedule(double batchesPerSecond, int warmupSeconds, int seconds) {
            List<Long> due = new ArrayList<>();
            double t = 0;
            while (t < warmupSeconds) {
                due.add((long) (t * 1e9));
                t += 1 / (batchesPerSecond * (0.1 + 0.9 * t / warmupSeconds));
            }
            long measured = (long) (batchesPerSecond * seconds);
            for (long j = 0; j < measured; j++) {
                due.add((long) ((warmupSeconds + j / batchesPerSecond) * 1e9));
            }
            return due.stream().mapToLong(Long::longValue).toArray();
        }

        private int queuedOnPhones() {
            int n = 0;
            for (var queue : waiting) {
                synchronized (queue) {
                    n += queue.size();
                }
            }
            return n;
        }

        private boolean anyWaiting() {
            for (var queue : waiting) {
                synchronized (queue) {
                    if (!queue.isEmpty()) {
                        return true;
                    }
                }
            }
            return false;
        }

        BitSet acceptedBatches() {
            synchronized (accepted) {
                return (BitSet) accepted.clone();
            }
        }

        int batches() {
            return batches;
        }
    }
}
