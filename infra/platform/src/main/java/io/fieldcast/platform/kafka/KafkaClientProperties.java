package io.fieldcast.platform.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The one home of how a Kafka client of the platform connects: address, security and the pass-through settings of
 * {@link KafkaSettings}. Every producer and consumer is built here (an architecture rule keeps it so), and Quarkus's
 * Kafka health check gets the same map ({@link KafkaClientConfig}), so no client can connect differently from the
 * others. Settings that {@link KafkaSecurityRules} refuses never reach a client.
 */
public final class KafkaClientProperties {

    /** Shown instead of a secret's value. */
    public static final String MASK = "[hidden]";

    private static final List<ConfigDef> DEFINITIONS = List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
            AdminClientConfig.configDef());

    private KafkaClientProperties() {
    }

    /**
     * What every client shares: {@code bootstrap.servers}, {@code security.protocol}, the SASL and TLS settings that
     * are set, and {@link KafkaSettings#client()}. A new map the caller adds its own settings to.
     *
     * @throws IllegalStateException naming each setting to fix, when the settings are refused
     */
    public static Map<String, Object> common(KafkaSettings settings) {
        KafkaSecurityRules.requireValid(settings);
        Map<String, Object> config = new HashMap<>(settings.client());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                settings.securityProtocol().strip().toUpperCase(Locale.ROOT));
        put(config, SaslConfigs.SASL_MECHANISM, settings.saslMechanism().map(m -> m.strip().toUpperCase(Locale.ROOT)));
        put(config, SaslConfigs.SASL_JAAS_CONFIG, settings.saslJaasConfig());
        KafkaSettings.Tls tls = settings.ssl();
        put(config, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore().location());
        put(config, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.truststore().password());
        put(config, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, tls.truststore().type());
        put(config, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, tls.keystore().location());
        put(config, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, tls.keystore().password());
        put(config, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, tls.keystore().type());
        put(config, SslConfigs.SSL_KEY_PASSWORD_CONFIG, tls.keyPassword());
        // Kafka turns the host name check off with an empty value, which a property cannot hold: "none" says it.
        put(config, SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, tls.endpointIdentificationAlgorithm()
                .map(a -> a.strip().equalsIgnoreCase(KafkaSecurityRules.NO_HOST_CHECK) ? "" : a.strip()));
        return config;
    }

    /** A producer with {@link #common} and then {@code own} (the producer's fixed settings, refused in the map). */
    public static <K, V> KafkaProducer<K, V> producer(KafkaSettings settings, Map<String, Object> own,
                                                      Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(with(settings, own), keys, values);
    }

    /** A consumer with {@link #common} and then {@code own}. */
    public static <K, V> KafkaConsumer<K, V> consumer(KafkaSettings settings, Map<String, Object> own,
                                                      Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(with(settings, own), keys, values);
    }

    private static Map<String, Object> with(KafkaSettings settings, Map<String, Object> own) {
        Map<String, Object> config = common(settings);
        config.putAll(own);
        return config;
    }

    /** {@code config} fit for a log line: sorted, every secret (a Kafka password setting, a JAAS config) masked. */
    public static Map<String, Object> masked(Map<String, ?> config) {
        Map<String, Object> shown = new TreeMap<>();
        config.forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : value));
        return shown;
    }

    /** Kafka's own password-typed settings, and any name that says it holds a secret. */
    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean kafkaPassword = DEFINITIONS.stream().map(d -> d.configKeys().get(name))
                .anyMatch(key -> key != null && key.type == ConfigDef.Type.PASSWORD);
        return kafkaPassword || Stream.of("password", "secret", "jaas", "token", "credential", "keystore.key")
                .anyMatch(lower::contains);
    }

    /** Whether {@code name} is a setting of a Kafka producer, consumer or admin client. */
    static boolean isKafkaSetting(String name) {
        return DEFINITIONS.stream().anyMatch(d -> d.names().contains(name));
    }

    private static void put(Map<String, Object> config, String name, Optional<String> value) {
        value.ifPresent(v -> config.put(name, v));
    }
}
