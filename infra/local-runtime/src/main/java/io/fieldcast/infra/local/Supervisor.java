package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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

        // A broker or PostgreSQL that dies (a crash, kill -9) is started again on its data, as a process supervisor
        // would; after MAX_RESTARTS within RESTART_WINDOW it gives up and exits, so that status tells the truth.
        runtime.kafkaBroker().ifPresent(broker -> watchBroker(runtime, broker));
        runtime.embeddedPostgres().ifPresent(pg -> watchPostgres(runtime));
        new CountDownLatch(1).await();
    }

    private static final int MAX_RESTARTS = 5;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    private static final Deque<Instant> RESTARTS = new ArrayDeque<>();

    /** Counts a restart; exits the supervisor when there were too many lately. */
    private static synchronized void restarting(String what) {
        Instant now = Instant.now();
        RESTARTS.addLast(now);
        while (RESTARTS.getFirst().isBefore(now.minus(RESTART_WINDOW))) {
            RESTARTS.removeFirst();
        }
        if (RESTARTS.size() > MAX_RESTARTS) {
            log(what + " keeps dying (" + RESTARTS.size() + " restarts in " + RESTART_WINDOW.toMinutes()
                    + " min); giving up");
            System.exit(2);
        }
        log(what + " exited unexpectedly; starting it again");
    }

    private static void watchBroker(LocalRuntime runtime, KafkaBrokerProcess broker) {
        broker.onExit().thenRun(() -> {
            if (runtime.isClosed()) {
                return;
            }
            restarting("the Kafka broker (see " + broker.logFile() + ")");
            try {
                KafkaBrokerProcess next = runtime.restartKafka();
                log("the Kafka broker runs again (pid " + next.pid() + ")");
                watchBroker(runtime, next);
            } catch (RuntimeException e) {
                log("could not start the Kafka broker again: " + e.getMessage());
                System.exit(2);
            }
        });
    }

    private static void watchPostgres(LocalRuntime runtime) {
        Thread.ofPlatform().daemon().name("postgres-watch").start(() -> {
            while (!runtime.isClosed()) {
                try {
                    Thread.sleep(1_000);
                    if (runtime.isClosed() || runtime.embeddedPostgres().map(EmbeddedPostgresServer::alive)
                            .orElse(true)) {
                        continue;
                    }
                    restarting("PostgreSQL");
                    startPostgresAgain(runtime);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Orphaned backends of a killed server may hold its shared memory for a moment: a few tries. */
    private static void startPostgresAgain(LocalRuntime runtime) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                runtime.restartPostgres();
                log("PostgreSQL runs again");
                return;
            } catch (RuntimeException e) {
                log("PostgreSQL did not start (attempt " + attempt + "): " + e + (e.getCause() == null ? ""
                        : " <- " + e.getCause()));
                if (attempt == 10 || runtime.isClosed()) {
                    System.exit(2);
                }
                Thread.sleep(1_000L * attempt);
            }
        }
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
