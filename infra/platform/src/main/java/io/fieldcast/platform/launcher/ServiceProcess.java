package io.fieldcast.platform.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service (its {@code target/quarkus-app}) in a JVM of its own, as {@code ./fieldcast demo}, the
 * benchmarks and the end-to-end tests run them. Plain Java, no Quarkus: the simulator uses it too.
 *
 * <pre>
 * try (ServiceProcess notify = ServiceProcess.module(repo, "customer-notify")
 *         .port("FIELDCAST_NOTIFY_PORT", 0).env(runtimeEnv).log(logFile).start()) {
 *     notify.awaitReady(Duration.ofMinutes(2));
 *     ... notify.url() ...
 * }
 * </pre>
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int TAIL_LINES = 30;

    private final String module;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String module, Process process, Path log, int port) {
        this.module = module;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code module}'s jar in the checkout at {@code repo}, run with the checkout as working directory. */
    public static Launch module(Path repo, String module) {
        return new Launch(module, jar(repo, module), repo);
    }

    /** A service jar ({@code <module>/target/quarkus-app/quarkus-run.jar}), run in this process's working directory. */
    public static Launch ofJar(Path quarkusRunJar) {
        Path moduleDir = quarkusRunJar.toAbsolutePath().getParent().getParent().getParent();
        return new Launch(moduleDir.getFileName().toString(), quarkusRunJar, null);
    }

    public static Path jar(Path repo, String module) {
        return repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** True when something already answers HTTP on {@code port} (an earlier run still up). */
    public static boolean answers(int port) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until /q/health/ready answers 200; fails with the log's tail when the process exits or time runs out. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; see " + log + "\n" + tail());
            }
            try {
                var answer = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(module + " not ready within " + timeout + "; see " + log + "\n" + tail());
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Asks the service to stop (SIGTERM: Quarkus shuts down gracefully), then forces it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the JVM at once (SIGKILL, as {@code kill -9}): no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The process id (for logs and for killing it from outside). */
    public long pid() {
        return process.pid();
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What to start; {@link #port} and {@link #log} are required. */
    public static final class Launch {

        private final String module;
        private final Path jar;
        private final Path directory;
        private String portVariable;
        private int port;
        private List<String> jvmArgs = List.of();
        private Map<String, String> env = Map.of();
        private Path log;

        private Launch(String module, Path jar, Path directory) {
            this.module = module;
            this.jar = jar;
            this.directory = directory;
        }

        /** The service listens on {@code port} (0: a free one), given to it in the environment variable named. */
        public Launch port(String variable, int port) {
            this.portVariable = Objects.requireNonNull(variable, "variable");
            this.port = port;
            return this;
        }

        /** JVM options before {@code -jar}, e.g. the heap size or {@code -D} settings. */
        public Launch jvmArgs(List<String> args) {
            this.jvmArgs = List.copyOf(args);
            return this;
        }

        /**
         * Added to this process's environment (e.g. runtime.env's variables); the service gets its share of both
         * ({@link ServiceEnv#forModule}).
         */
        public Launch env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Where the service's output (stdout and stderr) goes. */
        public Launch log(Path log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Starts the JVM and returns at once; {@link ServiceProcess#awaitReady} waits for it. */
        public ServiceProcess start() throws IOException {
            Objects.requireNonNull(portVariable, "port");
            Objects.requireNonNull(log, "log");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(module + " is not packaged (" + jar + "); build it with ./mvnw -pl "
                        + module + " -am package -DskipTests");
            }
            int listenOn = port == 0 ? freePort() : port;
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            // The child sees only its share: a private key or another service's login this JVM inherited (a shell
            // that sourced runtime.env) is withheld as well as one passed in.
            Map<String, String> available = new HashMap<>(builder.environment());
            available.putAll(env);
            builder.environment().clear();
            builder.environment().putAll(ServiceEnv.forModule(module, available));
            builder.environment().put(portVariable, String.valueOf(listenOn));
            // Where its sibling instances reach it (they forward requests about what it holds in memory).
            builder.environment().putIfAbsent("FIELDCAST_INSTANCE_URL", "http://127.0.0.1:" + listenOn);
            return new ServiceProcess(module, builder.start(), log, listenOn);
        }
    }
}
