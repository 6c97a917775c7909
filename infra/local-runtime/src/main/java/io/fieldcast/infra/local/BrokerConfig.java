package io.fieldcast.infra.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files of one local broker under its data directory: {@code server.properties} (rewritten on each start, so
 * changed ports apply), {@code cluster.id} (generated once, kept) and the log directory {@code data/}.
 */
record BrokerConfig(Path directory, int port, int controllerPort) {

    static final int NODE_ID = 1;

    Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    Path clusterIdFile() {
        return directory.resolve("cluster.id");
    }

    Path logDirectory() {
        return directory.resolve("data");
    }

    /** Written by the storage format step; without it the broker refuses to start. */
    boolean formatted() {
        return Files.isRegularFile(logDirectory().resolve("meta.properties"));
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Returns the kept cluster id, generating it on first use. */
    String clusterId() {
        try {
            Path file = clusterIdFile();
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.createDirectories(directory);
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write() {
        String text = settings().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "# Written by Fieldcast's local runtime on every start.\n", "\n"));
        try {
            Files.createDirectories(directory);
            Files.writeString(propertiesFile(), text, StandardCharsets.UTF_8);
            return propertiesFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // One JVM is broker and controller: the smallest real KRaft cluster.
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        // A static voter set, so a changed controller port needs no quorum reconfiguration.
        settings.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", logDirectory().toAbsolutePath().toString());
        settings.put("num.partitions", String.valueOf(TopicSetup.PARTITIONS));
        settings.put("default.replication.factor", "1");
        // Internal topics default to 3 replicas: with one broker, consumer groups and transactions would never work.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer offset partitions than the default 50: faster first group join, fewer files, same semantics here.
        settings.put("offsets.topic.num.partitions", "10");
        // broker.session.timeout.ms stays at 9 s although a restart after a crash waits that long for the old
        // session: a shorter one let a CPU-starved broker fence itself, taking every partition leader with it.
        // Consumers in tests and demos join one by one; waiting 3 s for more members only slows them down.
        settings.put("group.initial.rebalance.delay.ms", "0");
        return settings;
    }
}
