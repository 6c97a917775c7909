package io.fieldcast.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How a service talks to Kafka. */
@ConfigMapping(prefix = "fieldcast.kafka")
public interface KafkaSettings {

    /** Broker addresses; the same value Quarkus's Kafka health check uses. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:19092}")
    String bootstrapServers();

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
}
