package io.fieldcast.infra.local;

import java.io.PrintStream;
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
        if (args.length != 1) {
            System.err.println("usage: LocalRuntimeCli up|down|status");
            System.exit(2);
        }
        int code;
        try {
            code = new LocalRuntimeCli(RuntimeConfig.fromEnvironment(System.getenv()), System.out).run(args[0]);
        } catch (RuntimeException e) {
            System.err.println("fieldcast: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    int run(String command) {
        return switch (command) {
            case "up" -> up();
            case "down" -> down();
            case "status" -> status();
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
