package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The background JVM behind {@code ./fieldcast up}: holds the {@link LocalRuntime} until SIGTERM. It writes
 * {@code run/supervisor.pid} at once, {@code runtime.env} when everything answers, or {@code run/supervisor.failed}
 * with the reason when something does not; its shutdown hook stops the broker and PostgreSQL and removes the files.
 */
public final class Supervisor {

    private Supervisor() {
    }

    public static void main(String[] args) throws InterruptedException {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(System.getenv());
        FieldcastHome home = config.home();
        long pid = ProcessHandle.current().pid();
        Pids.write(home.supervisorPid(), pid);
        Pids.delete(home.failure());
        log("starting (pid " + pid + ", home " + home.root() + ")");

        LocalRuntime runtime = new LocalRuntime(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(runtime, home, pid), "fieldcast-shutdown"));
        try {
            runtime.startAll();
        } catch (RuntimeException e) {
            log("failed: " + e.getMessage());
            e.printStackTrace();
            writeFailure(home, e.getMessage());
            System.exit(1);
        }
        RuntimeEnv.write(home.runtimeEnv(), runtime.environment());
        log("ready: " + runtime.environment().get(RuntimeEnv.PG_URL) + ", Kafka "
                + runtime.environment().get(RuntimeEnv.KAFKA_BOOTSTRAP));

        // A broker that exits on its own means the platform is down: exit too, so that status tells the truth.
        runtime.kafkaBroker().ifPresent(broker -> broker.onExit().thenRun(() -> {
            if (!runtime.isClosed()) {
                log("the Kafka broker exited unexpectedly; see " + broker.logFile());
                System.exit(2);
            }
        }));
        new CountDownLatch(1).await();
    }

    private static void shutdown(LocalRuntime runtime, FieldcastHome home, long pid) {
        log("stopping");
        // runtime.env goes first: once stopping begins, nobody should pick up these addresses.
        if (!runtime.environment().isEmpty()) {
            Pids.delete(home.runtimeEnv());
        }
        runtime.close();
        // The pid file goes last: while it names a live process, a new up waits instead of racing for the ports.
        Pids.deleteIfOwnedBy(home.supervisorPid(), pid);
        log("stopped");
    }

    private static void writeFailure(FieldcastHome home, String message) {
        try {
            Files.createDirectories(home.run());
            Files.writeString(home.failure(), String.valueOf(message) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String message) {
        System.err.println(Instant.now() + " [fieldcast supervisor] " + message);
    }
}
