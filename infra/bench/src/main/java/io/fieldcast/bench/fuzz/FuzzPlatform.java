package io.fieldcast.bench.fuzz;

import io.fieldcast.platform.launcher.RuntimeEnvFile;
import io.fieldcast.platform.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The four packaged services on the runtime {@code ./fieldcast} started for this bench (its {@code runtime.env}),
 * on four fixed ports, with the fuzz company seeded: two territories, two technicians in each, their phones, one
 * administrator. Everything else (users of each role, bookings, the plan, pings) is made through the APIs.
 */
final class FuzzPlatform implements AutoCloseable {

    static final String ADMIN = "fuzz-admin";
    static final String ADMIN_PASSWORD = "fuzz-admin-password";
    static final String DEVICE_SECRET = "fuzz-device-secret";
    static final String ZONE = "America/New_York";
    static final List<String> SERVICES = List.of("dispatch-service", "eta-service", "tech-mobile-api",
            "customer-notify");

    private final Path root;
    private final Path home;
    private final int portBase;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private Map<String, String> runtimeEnv;

    FuzzPlatform(Path root, Path home, int portBase) {
        this.root = root;
        this.home = home;
        this.portBase = portBase;
    }

    /** Starts the services (each waited for until ready); returns their base URLs by module. */
    Map<String, String> start(List<String> technicianIds, String companyJson) throws IOException,
            InterruptedException {
        runtimeEnv = RuntimeEnvFile.read(home.resolve("runtime.env"));
        Path company = home.resolve("fuzz-company.json");
        Files.writeString(company, companyJson);
        Path logs = home.resolve("logs");
        Files.createDirectories(logs);
        String devices = technicianIds.stream().map(id -> id + ":" + DEVICE_SECRET).collect(Collectors.joining(","));
        start("dispatch-service", "FIELDCAST_DISPATCH_PORT", 1, "1g", Map.of(
                "FIELDCAST_SEED_USERS", ADMIN + ":" + ADMIN_PASSWORD + ":admin",
                "FIELDCAST_SEED_COMPANY", company.toString()), List.of(), logs);
        // The first service to open the road graph builds and caches it; the others then read the cache rather than
        // build it beside it (two processes building one graph at once trip over each other's move into place).
        running.get("dispatch-service").awaitReady(Duration.ofMinutes(5));
        start("eta-service", "FIELDCAST_ETA_PORT", 2, "1g", Map.of("FIELDCAST_ETA_ZONE", ZONE), List.of(), logs);
        // A fuzzing client is one device sending thousands of requests: the per-device bucket (5/s) would answer
        // most of them 429 before the endpoint runs. Raised here, and the access token outlives the run.
        start("tech-mobile-api", "FIELDCAST_MOBILE_PORT", 3, "768m", Map.of("FIELDCAST_SEED_DEVICES", devices,
                "FIELDCAST_MOBILE_ZONE", ZONE), List.of("-Dfieldcast.mobile.rate-limit.per-second=10000",
                "-Dfieldcast.mobile.rate-limit.burst=10000", "-Dfieldcast.security.device-token-lifetime=PT6H"), logs);
        start("customer-notify", "FIELDCAST_NOTIFY_PORT", 4, "768m", Map.of(), List.of(
                "-Dfieldcast.notify.policy.quiet-start=00:00", "-Dfieldcast.notify.policy.quiet-end=00:00"), logs);
        Map<String, String> urls = new LinkedHashMap<>();
        for (var e : running.entrySet()) {
            e.getValue().awaitReady(Duration.ofMinutes(5));
            System.err.printf("fuzz: %-16s ready on %s (log %s)%n", e.getKey(), e.getValue().url(), e.getValue().log());
            urls.put(e.getKey(), e.getValue().url());
        }
        return urls;
    }

    /** runtime.env's values: the database address for the audit probe, the signing key for expired tokens. */
    Map<String, String> runtimeEnv() {
        return runtimeEnv;
    }

    /** Whether every service process still runs (a crash is an outage the bench caused). */
    List<String> dead() {
        List<String> out = new ArrayList<>();
        running.forEach((module, process) -> {
            if (!ServiceProcess.answers(process.port())) {
                out.add(module);
            }
        });
        return out;
    }

    private void start(String module, String portVariable, int offset, String heap, Map<String, String> extra,
                       List<String> jvmArgs, Path logs) throws IOException {
        int port = portBase == 0 ? 0 : portBase + offset;
        if (port != 0 && ServiceProcess.answers(port)) {
            throw new IllegalStateException("port " + port + " already answers: an earlier fuzz run still up?");
        }
        Map<String, String> env = new LinkedHashMap<>(runtimeEnv);
        env.putAll(extra);
        List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1",
                "-Dquarkus.log.level=WARN"));
        args.addAll(jvmArgs);
        running.put(module, ServiceProcess.module(root, module).port(portVariable, port).env(env).jvmArgs(args)
                .log(logs.resolve("fuzz-" + module + ".log")).start());
    }

    @Override
    public synchronized void close() {
        for (ServiceProcess s : new ArrayList<>(running.values()).reversed()) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
