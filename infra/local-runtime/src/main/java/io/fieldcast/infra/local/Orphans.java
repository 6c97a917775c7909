package io.fieldcast.infra.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Servers left running by a supervisor that died without stopping them (SIGKILL, OOM, machine suspended). They hold
 * the ports and the data directories, so {@code up} and {@code down} stop them first.
 */
final class Orphans {

    private static final Duration GRACE = Duration.ofSeconds(60);

    private Orphans() {
    }

    /** Stops orphans of {@code home}; returns one line per process it stopped. */
    static List<String> stop(FieldcastHome home) {
        List<String> stopped = new ArrayList<>();
        // The broker normally notices its parent is gone and stops itself; this covers the moments before that.
        Pids.live(home.kafkaPid(), BrokerMain.class.getName()).ifPresent(broker -> {
            Pids.terminate(broker, GRACE);
            stopped.add("Kafka broker (pid " + broker.pid() + ")");
        });
        Pids.delete(home.kafkaPid());
        postmaster(home).ifPresent(postgres -> {
            fastShutdown(postgres);
            stopped.add("PostgreSQL (pid " + postgres.pid() + ")");
        });
        return stopped;
    }

    /** The first line of {@code postmaster.pid} is the server's pid while it runs. */
    private static Optional<ProcessHandle> postmaster(FieldcastHome home) {
        return Pids.live(home.postgresData().resolve("postmaster.pid"), "postgres");
    }

    /** SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect). */
    private static void fastShutdown(ProcessHandle postgres) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postgres.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            postgres.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Pids.awaitExit(postgres, GRACE)) {
            postgres.destroyForcibly();
            Pids.awaitExit(postgres, Duration.ofSeconds(10));
        }
    }
}
