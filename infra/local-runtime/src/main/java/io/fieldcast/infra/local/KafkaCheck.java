package io.fieldcast.infra.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks a Kafka cluster whether it answers, with bounded timeouts so that a dead address never hangs a command. */
public final class KafkaCheck {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaCheck() {
    }

    public static Admin admin(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "fieldcast-local-runtime"));
    }

    /** True when some bootstrap server accepts TCP and the cluster then describes itself within {@code timeout}. */
    public static boolean answers(String bootstrapServers, Duration timeout) {
        // The TCP probe first keeps a not-yet-listening broker from filling the log with client reconnect warnings.
        if (!anyAccepts(bootstrapServers, (int) Math.min(timeout.toMillis(), 2_000))) {
            return false;
        }
        try (Admin admin = admin(bootstrapServers, timeout)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @throws IllegalStateException naming the address when the cluster does not answer. */
    public static void requireReachable(String bootstrapServers) {
        if (!answers(bootstrapServers, DEFAULT_TIMEOUT)) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " does not answer within "
                    + DEFAULT_TIMEOUT.toSeconds() + " s");
        }
    }

    static boolean anyAccepts(String bootstrapServers, int timeoutMillis) {
        for (String server : bootstrapServers.split(",")) {
            String hostPort = server.strip().replaceFirst("^[A-Za-z_]+://", "");
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (Ports.accepts(host, port, timeoutMillis)) {
                    return true;
                }
            }
        }
        return false;
    }
}
