package io.fieldcast.platform.kafka;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Kafka connection settings a service starts with, what its clients get, and what a log may show. */
class KafkaSecurityRulesTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"dispatch\" password=\"hunter2-not-for-logs\";";

    @TempDir
    Path dir;

    @Test
    void withNothingSetClientsConnectInPlainText() {
        Map<String, Object> common = KafkaClientProperties.common(properties(Map.of()));

        assertEquals(Map.of("bootstrap.servers", "localhost:19092", "security.protocol", "PLAINTEXT"), common);
    }

    @Test
    void environmentVariablesSetSaslOverTlsWithATrustStoreAndAPassThroughSetting() throws Exception {
        Path truststore = Files.writeString(dir.resolve("ca.p12"), "not read here");
        KafkaSettings settings = environment(Map.of(
                "FIELDCAST_KAFKA_BOOTSTRAP_SERVERS", "k1:9093,k2:9093",
                "FIELDCAST_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "FIELDCAST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "FIELDCAST_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "FIELDCAST_KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "FIELDCAST_KAFKA_SSL_TRUSTSTORE_PASSWORD", "store-secret",
                "FIELDCAST_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "FIELDCAST_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "none",
                "FIELDCAST_KAFKA_CLIENT__SASL_LOGIN_CALLBACK_HANDLER_CLASS_", "com.example.Login"));

        assertEquals(List.of(), KafkaSecurityRules.problems(settings));
        assertEquals(Map.of("bootstrap.servers", "k1:9093,k2:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
                "ssl.truststore.location", truststore.toString(), "ssl.truststore.password", "store-secret",
                "ssl.truststore.type", "PKCS12", "ssl.endpoint.identification.algorithm", "",
                "sasl.login.callback.handler.class", "com.example.Login"),
                KafkaClientProperties.common(settings));
    }

    @Test
    void aQuotedPassThroughNameReachesTheClientsAsItIs() {
        KafkaSettings settings = properties(Map.of(
                "fieldcast.kafka.client.\"sasl.login.callback.handler.class\"", "com.example.Login",
                "fieldcast.kafka.client.\"reconnect.backoff.max.ms\"", "2000"));

        Map<String, Object> common = KafkaClientProperties.common(settings);

        assertEquals("com.example.Login", common.get("sasl.login.callback.handler.class"));
        assertEquals("2000", common.get("reconnect.backoff.max.ms"));
        assertEquals(List.of(), KafkaSecurityRules.unknownPassThrough(settings));
    }

    @Test
    void saslSslWithoutCredentialsIsRefusedNamingTheSettingAndItsVariable() {
        var refused = assertThrows(IllegalStateException.class, () -> KafkaClientProperties.common(properties(Map.of(
                "fieldcast.kafka.security-protocol", "SASL_SSL", "fieldcast.kafka.sasl-mechanism", "PLAIN"))));

        assertTrue(refused.getMessage().contains(
                "SASL_SSL needs credentials: set fieldcast.kafka.sasl-jaas-config (FIELDCAST_KAFKA_SASL_JAAS_CONFIG)"),
                refused.getMessage());
    }

    @Test
    void anUnknownProtocolIsRefused() {
        assertEquals(List.of("fieldcast.kafka.security-protocol (FIELDCAST_KAFKA_SECURITY_PROTOCOL) is 'TLS': use "
                + "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"), problems("fieldcast.kafka.security-protocol", "TLS"));
    }

    @Test
    void credentialsThatPlainTextWouldIgnoreAreRefused() {
        List<String> problems = problems("fieldcast.kafka.sasl-jaas-config", JAAS);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("fieldcast.kafka.sasl-jaas-config (FIELDCAST_KAFKA_SASL_JAAS_CONFIG)"
                + " is set but fieldcast.kafka.security-protocol (FIELDCAST_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT"),
                problems.getFirst());
    }

    @Test
    void saslWithoutAMechanismOrWithTheWrongLoginModuleIsRefused() {
        assertTrue(problems("fieldcast.kafka.security-protocol", "SASL_PLAINTEXT",
                "fieldcast.kafka.sasl-jaas-config", JAAS).getFirst()
                .startsWith("SASL_PLAINTEXT needs fieldcast.kafka.sasl-mechanism (FIELDCAST_KAFKA_SASL_MECHANISM)"));
        assertEquals(List.of("fieldcast.kafka.sasl-jaas-config (FIELDCAST_KAFKA_SASL_JAAS_CONFIG) does not use the "
                        + "PlainLoginModule that fieldcast.kafka.sasl-mechanism (FIELDCAST_KAFKA_SASL_MECHANISM) "
                        + "PLAIN needs"),
                problems("fieldcast.kafka.security-protocol", "SASL_PLAINTEXT",
                        "fieldcast.kafka.sasl-mechanism", "PLAIN", "fieldcast.kafka.sasl-jaas-config", JAAS));
    }

    @Test
    void aTrustStoreThatIsNotThereIsRefused() {
        assertEquals(List.of("fieldcast.kafka.ssl.truststore.location (FIELDCAST_KAFKA_SSL_TRUSTSTORE_LOCATION) is '"
                        + dir.resolve("missing.jks") + "', which is not a readable file"),
                problems("fieldcast.kafka.security-protocol", "SSL",
                        "fieldcast.kafka.ssl.truststore.location", dir.resolve("missing.jks").toString()));
    }

    @Test
    void aPassThroughSettingWithItsOwnPropertyOrFixedByThePlatformIsRefused() {
        assertEquals(List.of("fieldcast.kafka.client.\"acks\" (FIELDCAST_KAFKA_CLIENT__ACKS_) is fixed by the platform "
                                + "(its delivery guarantees rest on it); remove it",
                        "fieldcast.kafka.client.\"security.protocol\" (FIELDCAST_KAFKA_CLIENT__SECURITY_PROTOCOL_) has a "
                                + "setting of its own: use fieldcast.kafka.security-protocol "
                                + "(FIELDCAST_KAFKA_SECURITY_PROTOCOL)"),
                problems("fieldcast.kafka.client.\"security.protocol\"", "SSL", "fieldcast.kafka.client.\"acks\"", "1"));
    }

    @Test
    void secretsNeverShowInTheLogLineOrInARefusal() {
        Map<String, Object> config = KafkaClientProperties.common(properties(Map.of(
                "fieldcast.kafka.security-protocol", "SASL_PLAINTEXT", "fieldcast.kafka.sasl-mechanism", "SCRAM-SHA-256",
                "fieldcast.kafka.sasl-jaas-config", JAAS)));
        config.put("ssl.keystore.password", "store-secret");
        config.put("sasl.oauthbearer.client.credentials.client.secret", "oauth-secret");

        String logged = KafkaClientProperties.masked(config).toString();
        String refusal = String.join("; ", KafkaSecurityRules.problems(properties(Map.of(
                "fieldcast.kafka.security-protocol", "SASL_PLAINTEXT", "fieldcast.kafka.sasl-mechanism", "PLAIN",
                "fieldcast.kafka.sasl-jaas-config", JAAS.replace(";", "")))));

        for (String secret : List.of("hunter2", "store-secret", "oauth-secret")) {
            assertFalse(logged.contains(secret), logged);
            assertFalse(refusal.contains(secret), refusal);
        }
        assertTrue(logged.contains("sasl.jaas.config=[hidden]"), logged);
        assertTrue(logged.contains("bootstrap.servers=localhost:19092"), logged);
        assertTrue(refusal.contains("must end with ';'"), refusal);
    }

    private static List<String> problems(String... keysAndValues) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return KafkaSecurityRules.problems(properties(values));
    }

    private static KafkaSettings properties(Map<String, String> values) {
        return builder().withSources(new PropertiesConfigSource(values, "test", 500)).build()
                .getConfigMapping(KafkaSettings.class);
    }

    /** Read the way a service reads its environment (the variables' names are not the properties'). */
    private static KafkaSettings environment(Map<String, String> variables) {
        return builder().withSources(new EnvConfigSource(variables, 300)).build()
                .getConfigMapping(KafkaSettings.class);
    }

    private static SmallRyeConfigBuilder builder() {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(KafkaSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter());
    }
}
