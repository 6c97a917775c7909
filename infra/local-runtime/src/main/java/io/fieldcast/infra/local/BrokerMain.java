package io.fieldcast.infra.local;

import java.util.Optional;

/**
 * Entry point of the broker JVM: {@code [--format CLUSTER_ID] server.properties}. Formats the storage first when
 * asked (in this JVM, saving a second JVM start), then runs {@code kafka.Kafka server.properties} with a watch on
 * the JVM that started it: when that parent dies without stopping the broker (SIGKILL, crash), the broker shuts
 * itself down instead of holding the ports and the data directory lock as an orphan.
 */
public final class BrokerMain {

    static final String PARENT_PID_PROPERTY = "fieldcast.broker.parent-pid";
    static final String FORMAT_OPTION = "--format";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null) {
            watchParent(Long.parseLong(parentPid));
        }
        String properties = args[args.length - 1];
        if (args.length == 3 && FORMAT_OPTION.equals(args[0])) {
            format(args[1], properties);
        }
        kafka.Kafka.main(new String[] {properties});
    }

    /** {@code kafka-storage.sh format}; {@code --ignore-formatted} makes a repeated format a no-op. */
    private static void format(String clusterId, String properties) {
        int code = kafka.tools.StorageTool.execute(
                new String[] {"format", "--ignore-formatted", "-t", clusterId, "-c", properties}, System.out);
        if (code != 0) {
            System.err.println("[fieldcast] formatting the Kafka storage failed with code " + code);
            System.exit(code);
        }
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
