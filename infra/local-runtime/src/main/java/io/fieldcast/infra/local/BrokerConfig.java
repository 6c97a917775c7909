package io.fieldcast.infra.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files of one local broker under its data directory: {@code server.properties} (rewritten on each start, so
 * changed ports apply), {@code cluster.id} (generated once, kept) and the log directory {@code data/}. With a
 * {@link SaslListener} the broker also listens for clients with credentials.
 */
record BrokerConfig(Path directory, int port, int controllerPort, Optional<SaslListener> sasl) {

    static final int NODE_ID = 1;

    BrokerConfig(Path directory, int port, int controllerPort) {
        this(directory, port, controllerPort, Optional.empty());
    }

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
            Path file = propertiesFile();
            // It may hold the SASL users' passwords: readable by this user only (where the file system can say so).
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, ownerOnly);
                } else {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                }
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
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
        String saslListener = sasl.map(s -> ",SASL_PLAINTEXT://localhost:" + s.port()).orElse("");
        settings.put("listeners", "PLAINTEXT://localhost:" + port + saslListener + ",CONTROLLER://localhost:"
                + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://localhost:" + port + saslListener);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (sasl.isPresent() ? ",SASL_PLAINTEXT:SASL_PLAINTEXT" : ""));
        sasl.ifPresent(s -> {
            settings.put("sasl.enabled.mechanisms", "PLAIN");
            settings.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", s.brokerJaasConfig());
        });
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
