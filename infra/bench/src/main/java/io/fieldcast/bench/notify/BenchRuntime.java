package io.fieldcast.bench.notify;

import io.fieldcast.platform.launcher.RuntimeEnvFile;
import io.fieldcast.platform.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private ServiceProcess service;
    private Map<String, String> env;

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
        env = RuntimeEnvFile.read(file);
        return env;
    }

    /**
     * Starts the service with quiet hours off (the bench runs at any hour) and without the tracking map's roads (no
     * page is drawn), and waits until it is ready.
     */
    String startService() throws IOException, InterruptedException {
        service = ServiceProcess.module(root, "customer-notify").port("FIELDCAST_NOTIFY_PORT", 0).env(env)
                .jvmArgs(List.of("-Dfieldcast.notify.policy.quiet-start=00:00",
                        "-Dfieldcast.notify.policy.quiet-end=00:00", "-Dfieldcast.road.enabled=false",
                        "-Dquarkus.log.level=WARN"))
                .log(home.resolve("logs/bench-notify-service.log")).start();
        service.awaitReady(Duration.ofSeconds(120));
        return service.url();
    }

    @Override
    public void close() throws Exception {
        if (service != null) {
            service.close();
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
}
