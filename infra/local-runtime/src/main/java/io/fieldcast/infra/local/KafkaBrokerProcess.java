package io.fieldcast.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, node 1) in its own JVM, started from the jars
 * on this JVM's classpath (see {@link JavaCommand#CLASSPATH_PROPERTY}). Its own JVM, not in-process, so a broker
 * crash or {@link #kill()} looks to clients exactly like a real broker going away.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    public static final String PORT_ENV = "FIELDCAST_KAFKA_PORT";
    public static final String CONTROLLER_PORT_ENV = "FIELDCAST_KAFKA_CONTROLLER_PORT";

    // Usually ready in 2-8 s; generous because two cores may be busy with builds.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    private final Process process;
    private final BrokerConfig config;
    private final Path logFile;

    private KafkaBrokerProcess(Process process, BrokerConfig config, Path logFile) {
        this.process = process;
        this.config = config;
        this.logFile = logFile;
    }

    /**
     * Formats the storage on first use (with a cluster id generated once), starts the broker and returns once an
     * admin client gets an answer.
     *
     * @param logFile the broker's log (appended)
     * @throws PortInUseException when a port is taken
     * @throws IllegalStateException when the broker exits or does not answer in time; the message names the log
     */
    public static KafkaBrokerProcess start(Path dataDirectory, int port, int controllerPort, Path logFile) {
        return start(dataDirectory, port, controllerPort, Optional.empty(), logFile);
    }

    /**
     * As {@link #start(Path, int, int, Path)}, with a second listener for clients with credentials when {@code sasl}
     * is given ({@link #sasl()}).
     */
    public static KafkaBrokerProcess start(Path dataDirectory, int port, int controllerPort,
                                           Optional<SaslListener> sasl, Path logFile) {
        Ports.requireFree(port, PORT_ENV);
        Ports.requireFree(controllerPort, CONTROLLER_PORT_ENV);
        sasl.ifPresent(s -> Ports.requireFree(s.port(), "the SASL listener's port"));
        BrokerConfig config = new BrokerConfig(dataDirectory.toAbsolutePath().normalize(), port, controllerPort,
                sasl);
        Path log = logFile.toAbsolutePath().normalize();
        Path properties = config.write();
        try {
            Files.createDirectories(log.getParent());
            LogFiles.rotateIfLarge(log);
            // The parent pid lets the broker stop itself if this JVM dies without stopping it.
            List<String> options = new ArrayList<>(JVM_OPTIONS);
            options.add("-D" + BrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
            List<String> args = config.formatted()
                    ? List.of(properties.toString())
                    : List.of(BrokerMain.FORMAT_OPTION, config.clusterId(), properties.toString());
            Process process = JavaCommand.builder(config.directory().resolve("broker.args"), options,
                            BrokerMain.class.getName(), args)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            KafkaBrokerProcess broker = new KafkaBrokerProcess(process, config, log);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker; see " + log, e);
        }
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public int port() {
        return config.port();
    }

    /** The listener for clients with credentials, when the broker was started with one. */
    public Optional<SaslListener> sasl() {
        return config.sasl();
    }

    public int controllerPort() {
        return config.controllerPort();
    }

    public Path dataDirectory() {
        return config.directory();
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the broker JVM has exited, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Graceful stop: SIGTERM makes Kafka run its shutdown hook (controlled shutdown, logs flushed and closed, clean
     * shutdown marker written). A broker that has not exited after a minute is killed.
     */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(STOP_TIMEOUT)) {
            System.err.println("[fieldcast] Kafka broker did not stop within " + STOP_TIMEOUT.toSeconds()
                    + " s; killing it");
            kill();
        }
    }

    /** SIGKILL: what a crash looks like. Acknowledged records are in the page cache and survive it. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(STOP_TIMEOUT);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " while starting; see " + logFile);
            }
            if (KafkaCheck.answers(bootstrapServers(), PROBE_TIMEOUT)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                kill();
                throw new IllegalStateException("the Kafka broker did not answer on " + bootstrapServers()
                        + " within " + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static File nullFile() {
        return new File("/dev/null");
    }
}
