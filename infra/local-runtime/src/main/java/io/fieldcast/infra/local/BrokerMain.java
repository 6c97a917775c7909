package io.fieldcast.infra.local;

import java.util.Optional;

/**
 * Entry point of the broker JVM: {@code kafka.Kafka} plus a watch on the JVM that started it. When that parent dies
 * without stopping the broker (SIGKILL, crash), the broker shuts itself down instead of holding the ports and the
 * data directory lock as an orphan.
 */
public final class BrokerMain {

    static final String PARENT_PID_PROPERTY = "fieldcast.broker.parent-pid";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null) {
            watchParent(Long.parseLong(parentPid));
        }
        kafka.Kafka.main(args);
    }

    private static void watchParent(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty()) {
            System.err.println("[fieldcast] parent process " + pid + " is already gone; not starting the broker");
            System.exit(1);
        }
        // System.exit runs Kafka's own shutdown hook, so this is the same graceful stop as a SIGTERM.
        parent.get().onExit().thenRun(() -> {
            System.err.println("[fieldcast] parent process " + pid + " exited; shutting the broker down");
            System.exit(0);
        });
    }
}
