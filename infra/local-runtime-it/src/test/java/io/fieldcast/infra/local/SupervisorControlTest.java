package io.fieldcast.infra.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background supervisor as {@code ./fieldcast up/status/down} drive it, in a temporary FIELDCAST_HOME. */
class SupervisorControlTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private RuntimeConfig config;
    private SupervisorControl control;

    @BeforeEach
    void configure() {
        config = RuntimeConfig.local(home, Ports.freePort(), Ports.freePort(), Ports.freePort());
        control = new SupervisorControl(config, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopEverything() {
        control.down();
    }

    /** One life cycle (each {@code up} starts PostgreSQL and Kafka, so the steps share one): up, up again, kill -9, up, down. */
    @Test
    void upIsIdempotentRecoversFromAKilledSupervisorAndDownStopsEverything() throws Exception {
        SupervisorControl.Up up = control.up();
        Map<String, String> env = up.environment();

        assertFalse(up.wasRunning());
        assertEquals("postgresql://localhost:" + config.pgPort() + "/fieldcast", env.get(RuntimeEnv.PG_URL));
        assertEquals("localhost:" + config.kafkaPort(), env.get(RuntimeEnv.KAFKA_BOOTSTRAP));
        assertEquals(home.resolve("keys/platform-public.pem").toString(), env.get(RuntimeEnv.JWT_PUBLIC_KEY));
        assertEquals(env, RuntimeEnv.read(home.resolve("runtime.env")));
        SupervisorControl.Status first = control.status();
        assertTrue(first.healthy());
        assertTrue(TopicSetup.createAll(env.get(RuntimeEnv.KAFKA_BOOTSTRAP)).isEmpty(), "topics exist already");

        // A second up finds the running supervisor and changes nothing.
        SupervisorControl.Up again = control.up();
        assertTrue(again.wasRunning());
        assertEquals(env, again.environment());
        assertEquals(first.supervisorPid(), control.status().supervisorPid());

        PostgresAddress db = PostgresAddress.parse(env.get(RuntimeEnv.PG_URL));
        // The generated superuser password (kept under secrets/, so the same after every restart below).
        String superuser = env.get(RuntimeEnv.PG_USER);
        String password = env.get(RuntimeEnv.PG_PASSWORD);
        try (var connection = PostgresCheck.connect(db, superuser, password)) {
            connection.createStatement().execute("create table survivor (id int)");
        }

        // kill -9 of the broker and of PostgreSQL at once: the supervisor starts each again on its data.
        long broker = pidIn(home.resolve("run/kafka.pid"));
        long postmaster = pidIn(home.resolve("postgres/postmaster.pid"));
        ProcessHandle.of(broker).orElseThrow().destroyForcibly();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        awaitTrue(() -> pidIn(home.resolve("run/kafka.pid")) != broker
                && pidIn(home.resolve("postgres/postmaster.pid")) != postmaster && control.status().healthy(),
                "the broker and PostgreSQL started again");
        try (var connection = PostgresCheck.connect(db, superuser, password)) {
            connection.createStatement().execute("select count(*) from survivor");
        }
        assertEquals(first.supervisorPid(), control.status().supervisorPid(), "the same supervisor throughout");

        // kill -9 of the supervisor: the next up recovers its servers and their data.
        ProcessHandle supervisor = ProcessHandle.of(first.supervisorPid().orElseThrow()).orElseThrow();
        supervisor.destroyForcibly();
        assertTrue(Pids.awaitExit(supervisor, Duration.ofSeconds(30)));

        SupervisorControl.Up recovered = control.up();
        assertFalse(recovered.wasRunning());
        assertEquals(env, recovered.environment());
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("left running by a supervisor that is gone"));
        assertTrue(control.status().healthy());
        try (var connection = PostgresCheck.connect(db, superuser, password)) {
            connection.createStatement().execute("select count(*) from survivor");
        }

        assertTrue(control.down());
        assertFalse(Files.exists(home.resolve("runtime.env")));
        assertFalse(Files.exists(home.resolve("run/supervisor.pid")));
        assertTrue(control.status().supervisorPid().isEmpty());
        assertTrue(Ports.isFree(config.pgPort()));
        assertTrue(Ports.isFree(config.kafkaPort()));
        assertFalse(control.down(), "second down finds nothing running");
    }

    private String log() {
        try {
            return Files.readString(home.resolve("logs/supervisor.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long pidIn(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return -1; // being rewritten
        }
    }

    private void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "never: " + what + "; supervisor.log:\n" + log());
            Thread.sleep(500);
        }
    }

    @Test
    void upWithATakenPortFailsWithoutStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(config.kafkaPort())) {
            var error = assertThrows(PortInUseException.class, control::up);

            assertEquals("port " + config.kafkaPort() + " is in use by another process; set FIELDCAST_KAFKA_PORT",
                    error.getMessage());
            assertTrue(control.status().supervisorPid().isEmpty());
        }
    }
}
