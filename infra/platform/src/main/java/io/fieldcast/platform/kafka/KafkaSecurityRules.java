package io.fieldcast.platform.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Kafka connection settings a service refuses to start with, each problem naming the setting to fix (and its
 * environment variable): an unknown protocol, SASL without a mechanism or credentials, credentials or TLS settings a
 * plain protocol would silently ignore, a store file that is not there, a pass-through setting that has a name of its
 * own or that the platform fixes.
 */
public final class KafkaSecurityRules {

    /** The value of {@code ssl.endpoint-identification-algorithm} that turns the host name check off. */
    static final String NO_HOST_CHECK = "none";

    private static final String PREFIX = "fieldcast.kafka.";
    private static final String PROTOCOL = PREFIX + "security-protocol";
    private static final String MECHANISM = PREFIX + "sasl-mechanism";
    private static final String JAAS = PREFIX + "sasl-jaas-config";
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** The login module each standard mechanism needs in the JAAS config. */
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "PlainLoginModule",
            "SCRAM-SHA-256", "ScramLoginModule",
            "SCRAM-SHA-512", "ScramLoginModule",
            "OAUTHBEARER", "OAuthBearerLoginModule",
            "GSSAPI", "Krb5LoginModule");
    /** Kafka settings with a property of their own: the pass-through map must not set them a second way. */
    private static final Map<String, String> OWN_PROPERTY = Map.ofEntries(
            Map.entry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, PREFIX + "bootstrap-servers"),
            Map.entry(CommonClientConfigs.CLIENT_ID_CONFIG, PREFIX + "client-id"),
            Map.entry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL),
            Map.entry(SaslConfigs.SASL_MECHANISM, MECHANISM),
            Map.entry(SaslConfigs.SASL_JAAS_CONFIG, JAAS),
            Map.entry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, PREFIX + "ssl.truststore.location"),
            Map.entry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, PREFIX + "ssl.truststore.password"),
            Map.entry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, PREFIX + "ssl.truststore.type"),
            Map.entry(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, PREFIX + "ssl.keystore.location"),
            Map.entry(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, PREFIX + "ssl.keystore.password"),
            Map.entry(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, PREFIX + "ssl.keystore.type"),
            Map.entry(SslConfigs.SSL_KEY_PASSWORD_CONFIG, PREFIX + "ssl.key-password"),
            Map.entry(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG,
                    PREFIX + "ssl.endpoint-identification-algorithm"),
            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, PREFIX + "delivery-timeout"),
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, PREFIX + "max-block"),
            Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, PREFIX + "session-timeout"));
    /** What the platform fixes per client, because its delivery guarantees rest on it. */
    private static final Set<String> FIXED = Set.of(ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private KafkaSecurityRules() {
    }

    /** @throws IllegalStateException listing every problem, when there is one */
    static void requireValid(KafkaSettings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka client settings refused: " + String.join("; ", problems));
        }
    }

    /** Why a service must not start with these settings; empty when it may. Never quotes a secret. */
    public static List<String> problems(KafkaSettings settings) {
        List<String> problems = new ArrayList<>();
        String protocol = settings.securityProtocol().strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            problems.add(named(PROTOCOL) + " is '" + settings.securityProtocol() + "': use PLAINTEXT, SSL, "
                    + "SASL_PLAINTEXT or SASL_SSL");
            return problems; // what else is wrong depends on the protocol meant
        }
        if (protocol.startsWith("SASL_")) {
            sasl(settings, protocol, problems);
        } else {
            settings.saslMechanism().ifPresent(m -> problems.add(ignored(MECHANISM, protocol)));
            settings.saslJaasConfig().ifPresent(m -> problems.add(ignored(JAAS, protocol)));
        }
        tls(settings.ssl(), protocol, problems);
        passThrough(settings.client(), problems);
        return problems;
    }

    /** Pass-through settings Kafka does not know: not refused (a plugin may read them), but worth a warning. */
    public static List<String> unknownPassThrough(KafkaSettings settings) {
        return settings.client().keySet().stream().filter(name -> !KafkaClientProperties.isKafkaSetting(name))
                .sorted().map(name -> named(PREFIX + "client.\"" + name + "\"")
                        + " is not a Kafka producer, consumer or admin setting; passed on as it is")
                .toList();
    }

    private static void sasl(KafkaSettings settings, String protocol, List<String> problems) {
        Optional<String> mechanism = settings.saslMechanism().map(m -> m.strip().toUpperCase(Locale.ROOT));
        if (mechanism.isEmpty()) {
            problems.add(protocol + " needs " + named(MECHANISM) + ": PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, "
                    + "OAUTHBEARER or GSSAPI");
        } else if (!LOGIN_MODULES.containsKey(mechanism.get())
                && !settings.client().containsKey(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)) {
            problems.add(named(MECHANISM) + " is '" + mechanism.get() + "', which Kafka does not know: use PLAIN, "
                    + "SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI, or name the mechanism's handler in "
                    + PREFIX + "client.\"" + SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS + "\"");
        }
        Optional<String> jaas = settings.saslJaasConfig().map(String::strip);
        if (jaas.isEmpty()) {
            // A JVM-wide JAAS file (-Djava.security.auth.login.config) is the other way to give credentials.
            if (System.getProperty("java.security.auth.login.config") == null) {
                problems.add(protocol + " needs credentials: set " + named(JAAS) + ", e.g. "
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"…\" "
                        + "password=\"…\";");
            }
            return;
        }
        if (!jaas.get().endsWith(";")) {
            problems.add(named(JAAS) + " must end with ';' (Kafka reads it as a JAAS file entry)");
        }
        String module = mechanism.map(LOGIN_MODULES::get).orElse(null);
        if (module != null && !jaas.get().contains(module)) {
            problems.add(named(JAAS) + " does not use the " + module + " that " + named(MECHANISM) + " "
                    + mechanism.get() + " needs");
        }
    }

    private static void tls(KafkaSettings.Tls tls, String protocol, List<String> problems) {
        boolean usesTls = protocol.equals("SSL") || protocol.equals("SASL_SSL");
        store(tls.truststore(), "truststore", usesTls, protocol, problems);
        store(tls.keystore(), "keystore", usesTls, protocol, problems);
        String keyPassword = PREFIX + "ssl.key-password";
        if (tls.keyPassword().isPresent() && tls.keystore().location().isEmpty()) {
            problems.add(named(keyPassword) + " is set without " + named(PREFIX + "ssl.keystore.location"));
        }
        String algorithm = PREFIX + "ssl.endpoint-identification-algorithm";
        tls.endpointIdentificationAlgorithm().map(String::strip).ifPresent(a -> {
            if (!usesTls) {
                problems.add(ignored(algorithm, protocol));
            } else if (!a.equalsIgnoreCase("https") && !a.equalsIgnoreCase(NO_HOST_CHECK)) {
                problems.add(named(algorithm) + " is '" + a + "': use https (check the broker's host name) or "
                        + NO_HOST_CHECK);
            }
        });
    }

    private static void store(KafkaSettings.Store store, String which, boolean usesTls, String protocol,
                              List<String> problems) {
        String base = PREFIX + "ssl." + which + ".";
        if (!usesTls) {
            store.location().ifPresent(l -> problems.add(ignored(base + "location", protocol)));
            return;
        }
        store.location().map(String::strip).ifPresent(location -> {
            if (!readable(location)) {
                problems.add(named(base + "location") + " is '" + location + "', which is not a readable file");
            }
        });
        if (store.password().isPresent() && store.location().isEmpty()) {
            problems.add(named(base + "password") + " is set without " + named(base + "location"));
        }
        store.type().map(t -> t.strip().toUpperCase(Locale.ROOT))
                .filter(t -> !Set.of("JKS", "PKCS12", "PEM").contains(t))
                .ifPresent(t -> problems.add(named(base + "type") + " is '" + t + "': use JKS, PKCS12 or PEM"));
    }

    private static void passThrough(Map<String, String> client, List<String> problems) {
        for (String name : client.keySet().stream().sorted().toList()) {
            String setting = named(PREFIX + "client.\"" + name + "\"");
            if (OWN_PROPERTY.containsKey(name)) {
                problems.add(setting + " has a setting of its own: use " + named(OWN_PROPERTY.get(name)));
            } else if (FIXED.contains(name)) {
                problems.add(setting + " is fixed by the platform (its delivery guarantees rest on it); remove it");
            }
        }
    }

    private static boolean readable(String location) {
        try {
            Path file = Path.of(location);
            return Files.isRegularFile(file) && Files.isReadable(file);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String ignored(String property, String protocol) {
        return named(property) + " is set but " + named(PROTOCOL) + " is " + protocol + ", which would ignore it: "
                + "set the protocol that uses it (" + (property.contains(".ssl.") ? "SSL or SASL_SSL" : "SASL_SSL or "
                + "SASL_PLAINTEXT") + ") or remove it";
    }

    /** A property with the environment variable that sets it: {@code a.b-c (A_B_C)}. */
    static String named(String property) {
        String env = property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return property + " (" + env + ")";
    }
}
