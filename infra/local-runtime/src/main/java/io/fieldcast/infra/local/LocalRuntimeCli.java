package io.fieldcast.infra.local;

import io.fieldcast.infra.local.backup.Backup;
import io.fieldcast.infra.local.backup.Restore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fieldcast up | down | status}: the Java side of the root script. Exit codes: 0 ok, 1 failed,
 * 2 usage, 3 status found nothing running.
 */
public final class LocalRuntimeCli {

    private final PrintStream out;
    private final SupervisorControl control;

    LocalRuntimeCli(RuntimeConfig config, PrintStream out) {
        this.out = out;
        this.control = new SupervisorControl(config, out);
    }

    public static void main(String[] args) {
        // Probing a broker that is going away makes the admin client warn once per retry; the verdict is enough.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        if (args.length < 1 || args.length > 2 || args.length == 2 && !List.of("backup", "restore").contains(args[0])) {
            System.err.println("usage: LocalRuntimeCli up|down|status|backup [directory]|restore <backup directory>");
            System.exit(2);
        }
        int code;
        try {
            code = new LocalRuntimeCli(RuntimeConfig.fromEnvironment(System.getenv()), System.out).run(args);
        } catch (RuntimeException e) {
            System.err.println("fieldcast: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    int run(String... args) {
        String command = args[0];
        return switch (command) {
            case "up" -> up();
            case "down" -> down();
            case "status" -> status();
            case "backup" -> backup(args.length > 1 ? Path.of(args[1]) : null);
            case "restore" -> {
                if (args.length < 2) {
                    System.err.println("usage: ./fieldcast restore <backup directory>");
                    yield 2;
                }
                yield restore(Path.of(args[1]));
            }
            default -> {
                System.err.println("unknown command: " + command);
                yield 2;
            }
        };
    }

    private int up() {
        boolean wasRunning = control.up().wasRunning();
        SupervisorControl.Status status = control.status();
        out.println("Fieldcast local runtime is " + (wasRunning ? "already " : "") + "up (supervisor pid "
                + status.supervisorPid().orElse(-1L) + ").");
        printAddresses(status);
        out.println("Stop it with: ./fieldcast down");
        return 0;
    }

    /** A backup of the running runtime (services may keep running). */
    private int backup(Path directory) {
        SupervisorControl.Status status = control.status();
        if (!status.up()) {
            out.println("Fieldcast local runtime is not running: there is nothing to back up. Start it with: "
                    + "./fieldcast up");
            return 3;
        }
        Path target = directory != null ? directory.toAbsolutePath()
                : Backup.defaultDirectory(control.home(), Clock.systemUTC());
        try {
            Backup.take(control.home(), status.environment(), target, Clock.systemUTC(), out);
            return 0;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("backup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A backup into this (empty) home, then the runtime up on it, its records and positions written back. */
    private int restore(Path backup) {
        if (control.status().supervisorPid().isPresent()) {
            throw new IllegalStateException("a runtime is running on " + control.home().root() + "; restore into an "
                    + "empty one: FIELDCAST_HOME=<new directory> ./fieldcast restore " + backup);
        }
        try {
            Restore.layOut(backup.toAbsolutePath(), control.home(), out);
            control.up();
            SupervisorControl.Status status = control.status();
            Restore.replay(backup.toAbsolutePath(), status.environment(), out);
            out.println("Restored. The runtime is up (supervisor pid " + status.supervisorPid().orElse(-1L)
                    + "); start the services on it.");
            printAddresses(status);
            return 0;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("restore failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int down() {
        boolean wasRunning = control.down();
        out.println(wasRunning ? "Fieldcast local runtime stopped." : "Fieldcast local runtime was not running.");
        return 0;
    }

    private int status() {
        SupervisorControl.Status status = control.status();
        if (status.supervisorPid().isEmpty()) {
            out.println("Fieldcast local runtime is not running. Start it with: ./fieldcast up");
            return 3;
        }
        if (!status.up()) {
            out.println("Fieldcast local runtime is starting (supervisor pid " + status.supervisorPid().get() + ").");
            return 1;
        }
        out.println("Fieldcast local runtime is up (supervisor pid " + status.supervisorPid().get() + ").");
        printAddresses(status);
        return status.healthy() ? 0 : 1;
    }

    private void printAddresses(SupervisorControl.Status status) {
        Map<String, String> env = status.environment();
        String pgKind = "true".equals(env.get(RuntimeEnv.PG_EMBEDDED)) ? "embedded PostgreSQL 18" : "external";
        String kafkaKind = "true".equals(env.get(RuntimeEnv.KAFKA_EMBEDDED)) ? "local KRaft broker" : "external";
        out.printf("  PostgreSQL  %-40s %s, user %s  %s%n", env.get(RuntimeEnv.PG_URL), pgKind,
                env.get(RuntimeEnv.PG_USER), answer(status.postgresAnswers()));
        out.printf("  Kafka       %-40s %s  %s%n", env.get(RuntimeEnv.KAFKA_BOOTSTRAP), kafkaKind,
                answer(status.kafkaAnswers()));
        out.printf("  JWT keys    %s%n              %s%n", env.get(RuntimeEnv.JWT_PRIVATE_KEY),
                env.get(RuntimeEnv.JWT_PUBLIC_KEY));
        out.printf("  Env file    %s  (set -a; . that file; set +a)%n", control.home().runtimeEnv());
        out.printf("  Logs        %s%n", control.home().logs());
    }

    private static String answer(boolean answers) {
        return answers ? "[answers]" : "[DOES NOT ANSWER]";
    }
}
