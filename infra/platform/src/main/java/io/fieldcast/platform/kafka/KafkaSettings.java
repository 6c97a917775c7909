package io.fieldcast.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a service talks to Kafka. The connection settings (address, security, {@link #client()}) reach every Kafka
 * client of the platform through {@link KafkaClientProperties#common(KafkaSettings)}, and nowhere else; each one can
 * also be set from the environment by its upper-case name ({@code FIELDCAST_KAFKA_SECURITY_PROTOCOL}, …).
 */
@ConfigMapping(prefix = "fieldcast.kafka")
public interface KafkaSettings {

    /** Broker addresses; the same value Quarkus's Kafka health check uses. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:19092}")
    String bootstrapServers();

    /** Kafka's {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    @WithDefault("PLAINTEXT")
    String securityProtocol();

    /**
     * Kafka's {@code sasl.mechanism} ({@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}, {@code OAUTHBEARER},
     * {@code GSSAPI}); required with a {@code SASL_} protocol.
     */
    Optional<String> saslMechanism();

    /**
     * Kafka's {@code sasl.jaas.config}: the login module and its credentials, e.g.
     * {@code org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";}. A secret:
     * never logged.
     */
    Optional<String> saslJaasConfig();

    /** TLS: the stores and the host name check, for {@code SSL} and {@code SASL_SSL}. */
    Tls ssl();

    /**
     * Any other Kafka client setting, by its Kafka name, for every producer, consumer and admin client:
     * {@code fieldcast.kafka.client."sasl.login.callback.handler.class"=…}. Settings with a name of their own here,
     * and those the platform fixes per client (acks, idempotence, offsets), are refused.
     */
    Map<String, String> client();

    /** Client id prefix, e.g. the service name, so broker logs say who connected. */
    @WithDefault("${quarkus.application.name:fieldcast}")
    String clientId();

    /** How long a send may wait for the broker's acknowledgement before it counts as failed. */
    @WithDefault("10s")
    Duration deliveryTimeout();

    /** How long a send may block waiting for metadata (a down broker) before it fails. */
    @WithDefault("3s")
    Duration maxBlock();

    /** First back-off after a consumer's handler failed; doubles up to {@link #maxRetryBackoff()}. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest back-off between retries of a failing record. */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /**
     * Attempts at an event whose failure does not pass (see {@code Failures}) before it is parked on its dead-letter
     * topic; failures that pass (database or broker away) are retried for as long as they last.
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * How long a consumer of a group may go unheard before the broker gives its partitions to the other instances:
     * after a {@code kill -9} (no goodbye), that long without progress on its share. Heartbeats every third of it.
     */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** A consumer failing this long (or dead) makes the service not ready. */
    @WithDefault("30s")
    Duration stuckAfter();

    /** How often dead consumer loops are looked for and restarted. */
    @WithDefault("2s")
    Duration watchdogEvery();

    /** Whether consumers start with the application (tests of a single handler may turn them off). */
    @WithDefault("true")
    boolean consumersEnabled();

    /** Kafka's {@code ssl.*} settings that have a name here; the rest go through {@link #client()}. */
    interface Tls {

        /** {@code ssl.truststore.*}: the certificates that sign the brokers' (when not the JVM's default ones). */
        Store truststore();

        /** {@code ssl.keystore.*}: this client's own certificate and key, for brokers that ask for one (mTLS). */
        Store keystore();

        /** Kafka's {@code ssl.key.password}: the key's password inside the key store. A secret: never logged. */
        Optional<String> keyPassword();

        /**
         * Kafka's {@code ssl.endpoint.identification.algorithm}: {@code https} (the default: the broker's certificate
         * must name its host) or {@code none} (no host name check; only for brokers addressed by IP in a test).
         */
        Optional<String> endpointIdentificationAlgorithm();
    }

    /** One key or trust store. */
    interface Store {

        /** The file. */
        Optional<String> location();

        /** Its password. A secret: never logged. */
        Optional<String> password();

        /** {@code JKS}, {@code PKCS12} or {@code PEM} (Kafka's default: {@code JKS}). */
        Optional<String> type();
    }
}
