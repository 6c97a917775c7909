package io.fieldcast.notify.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark needs around it: the local runtime ({@code ./fieldcast up}, started and stopped here only if it
 * was not already up) and one customer-notify process from {@code target/quarkus-app}.
 */
final class BenchRuntime implements AutoCloseable {

    private final Path root;
    private final Path home;
    private boolean startedRuntime;
    private Process service;
    private Map<String, String> env;
    private int port;

    BenchRuntime(Path root) {
        this.root = root;
        String configured = System.getenv("FIELDCAST_HOME");
        this.home = configured != null ? Path.of(configured) : root.resolve(".fieldcast");
    }

    Map<String, String> up() throws IOException, InterruptedException {
        Path file = home.resolve("runtime.env");
        if (!Files.exists(file)) {
            System.err.println("bench: starting the local runtime (./fieldcast up)");
            run(List.of(root.resolve("fieldcast").toString(), "up"));
            startedRuntime = true;
        }
        env = read(file);
        return env;
    }

    /** Starts the service with quiet hours off (the bench runs at any hour) and waits until it is ready. */
    String startService() throws IOException, InterruptedException {
        Path jar = root.resolve("customer-notify/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -pl customer-notify package -DskipTests");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("logs/bench-notify-service.log");
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfieldcast.notify.policy.quiet-start=00:00", "-Dfieldcast.notify.policy.quiet-end=00:00",
                "-Dquarkus.log.level=WARN", "-jar", jar.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("FIELDCAST_NOTIFY_PORT", String.valueOf(port));
        service = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("customer-notify exited; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return "http://localhost:" + port;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("customer-notify not ready after 120 s; see " + log);
    }

    @Override
    public void close() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
        if (startedRuntime) {
            run(List.of(root.resolve("fieldcast").toString(), "down"));
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        int rc = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + rc);
        }
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 1) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("'\\''", "'");
            }
            values.put(line.substring(0, eq).trim(), value);
        }
        return values;
    }
}
