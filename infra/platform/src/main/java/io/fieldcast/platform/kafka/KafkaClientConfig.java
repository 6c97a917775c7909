package io.fieldcast.platform.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The Kafka connection settings at start: a service refuses to start with settings {@link KafkaSecurityRules}
 * refuses (before any consumer or the outbox relay starts), logs the ones it uses with secrets masked, and gives
 * Quarkus's Kafka health check (its admin client reads the {@code default-kafka-broker} map) the same connection
 * settings as its own clients, instead of the {@code kafka.*} properties.
 */
@ApplicationScoped
public class KafkaClientConfig {

    private static final Logger LOG = Logger.getLogger(KafkaClientConfig.class);

    void refuseToStartWithBadSettings(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
                                      KafkaSettings settings) {
        Map<String, Object> common = KafkaClientProperties.common(settings);
        KafkaSecurityRules.unknownPassThrough(settings).forEach(LOG::warn);
        LOG.infof("Kafka clients connect with %s", KafkaClientProperties.masked(common));
    }

    /** Replaces Quarkus's default map (built from {@code kafka.*}), which its Kafka health check connects with. */
    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    Map<String, Object> healthCheckConnection(KafkaSettings settings) {
        return Map.copyOf(KafkaClientProperties.common(settings));
    }
}
