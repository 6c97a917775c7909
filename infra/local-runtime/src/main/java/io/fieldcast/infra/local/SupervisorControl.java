package io.fieldcast.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code up}, {@code down} and {@code status} against the background {@link Supervisor} of one
 * {@link FieldcastHome}. {@code up} and {@code down} hold {@code run/control.lock}, so two of them never interleave.
 */
public final class SupervisorControl {

    private static final String MARKER = Supervisor.class.getName();
    // The supervisor gives up on its own well before this (PostgreSQL 60 s, Kafka 2 min); this is the last resort.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    private final RuntimeConfig config;
    private final FieldcastHome home;
    private final PrintStream out;

    public SupervisorControl(RuntimeConfig config, PrintStream out) {
        this.config = config;
        this.home = config.home();
        this.out = out;
    }

    public FieldcastHome home() {
        return home;
    }

    /** What {@code status} found. {@code environment} is empty while nothing is up. */
    public record Status(Optional<Long> supervisorPid, Map<String, String> environment,
                         boolean postgresAnswers, boolean kafkaAnswers) {

        public boolean up() {
            return supervisorPid.isPresent() && !environment.isEmpty();
        }

        public boolean healthy() {
            return up() && postgresAnswers && kafkaAnswers;
        }
    }

    /** What {@code up} found: the {@code runtime.env} values, and whether the runtime was up before the call. */
    public record Up(Map<String, String> environment, boolean wasRunning) {
    }

    /** Starts the supervisor unless it runs; returns once everything answers. */
    public Up up() {
        try (FileChannel ignored = lock()) {
            Optional<ProcessHandle> running = Pids.live(home.supervisorPid(), MARKER);
            if (running.isPresent() && Files.isRegularFile(home.runtimeEnv())) {
                return new Up(RuntimeEnv.read(home.runtimeEnv()), true);
            }
            if (running.isPresent()) {
                out.println("Fieldcast local runtime is starting (supervisor pid " + running.get().pid()
                        + "); waiting for it.");
                return new Up(awaitReady(running.get()), false);
            }
            removeLeftovers();
            config.requirePortsFree();
            out.println("Starting the Fieldcast local runtime (log: " + home.supervisorLog() + ")...");
            return new Up(awaitReady(spawn().toHandle()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the supervisor (and anything a dead one left behind); returns false when nothing was running. */
    public boolean down() {
        try (FileChannel ignored = lock()) {
            Optional<ProcessHandle> running = Pids.live(home.supervisorPid(), MARKER);
            running.ifPresent(supervisor -> {
                out.println("Stopping the Fieldcast local runtime (supervisor pid " + supervisor.pid() + ")...");
                if (!Pids.terminate(supervisor, STOP_TIMEOUT)) {
                    throw new IllegalStateException("supervisor pid " + supervisor.pid() + " did not exit");
                }
            });
            removeLeftovers();
            return running.isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Status status() {
        Optional<ProcessHandle> running = Pids.live(home.supervisorPid(), MARKER);
        if (running.isEmpty()) {
            return new Status(Optional.empty(), Map.of(), false, false);
        }
        Map<String, String> env = RuntimeEnv.read(home.runtimeEnv());
        if (env.isEmpty()) {
            return new Status(Optional.of(running.get().pid()), env, false, false);
        }
        boolean pg = PostgresCheck.answers(PostgresAddress.parse(env.get(RuntimeEnv.PG_URL)),
                env.get(RuntimeEnv.PG_USER), env.get(RuntimeEnv.PG_PASSWORD));
        boolean kafka = KafkaCheck.answers(env.get(RuntimeEnv.KAFKA_BOOTSTRAP), PROBE_TIMEOUT);
        return new Status(Optional.of(running.get().pid()), env, pg, kafka);
    }

    /** Stale pid and env files, the failure note of an earlier attempt, and servers a killed supervisor left. */
    private void removeLeftovers() {
        for (String orphan : Orphans.stop(home)) {
            out.println("Stopped " + orphan + ", left running by a supervisor that is gone.");
        }
        Pids.delete(home.supervisorPid());
        Pids.delete(home.runtimeEnv());
        Pids.delete(home.failure());
    }

    private Process spawn() throws IOException {
        Files.createDirectories(home.logs());
        LogFiles.rotateIfLarge(home.supervisorLog());
        ProcessBuilder builder = JavaCommand.builder(home.run().resolve("supervisor.args"), JVM_OPTIONS,
                Supervisor.class.getName(), List.of());
        // A new session: closing the terminal or pressing Ctrl-C after up returns must not reach the supervisor.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            builder.command().addFirst("/usr/bin/setsid");
        }
        Map<String, String> env = builder.environment();
        List.of(RuntimeConfig.PG_URL, RuntimeConfig.PG_USER, RuntimeConfig.PG_PASSWORD, RuntimeConfig.KAFKA_BOOTSTRAP,
                RuntimeEnv.PG_EMBEDDED, RuntimeEnv.KAFKA_EMBEDDED).forEach(env::remove);
        env.putAll(config.toEnvironment());
        return builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.supervisorLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private Map<String, String> awaitReady(ProcessHandle spawned) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            Optional<ProcessHandle> running = Pids.live(home.supervisorPid(), MARKER);
            if (running.isPresent() && Files.isRegularFile(home.runtimeEnv())) {
                return RuntimeEnv.read(home.runtimeEnv());
            }
            if (Files.isRegularFile(home.failure())) {
                Pids.awaitExit(running.orElse(spawned), STOP_TIMEOUT);
                throw new IllegalStateException(read(home.failure()).strip() + "\n(full log: "
                        + home.supervisorLog() + ")");
            }
            if (running.isEmpty() && !spawned.isAlive()) {
                throw new IllegalStateException("the supervisor exited while starting; see " + home.supervisorLog());
            }
            if (Instant.now().isAfter(deadline)) {
                running.ifPresent(p -> Pids.terminate(p, STOP_TIMEOUT));
                throw new IllegalStateException("not ready after " + READY_TIMEOUT.toMinutes() + " minutes; see "
                        + home.supervisorLog());
            }
            sleep();
        }
    }

    /** Locks {@code run/control.lock}; closing the returned channel releases it. */
    private FileChannel lock() throws IOException {
        Files.createDirectories(home.run());
        FileChannel channel = FileChannel.open(home.controlLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                out.println("Waiting for another ./fieldcast up/down on " + home.root() + "...");
                channel.lock();
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "the supervisor failed; the reason could not be read: " + e.getMessage();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the supervisor", e);
        }
    }
}
