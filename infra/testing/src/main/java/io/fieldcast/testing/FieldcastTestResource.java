package io.fieldcast.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real infrastructure a Fieldcast service test needs: a fresh PostgreSQL database (per service, once per
 * test JVM even when Quarkus restarts for a test profile), the shared Kafka broker and a platform key pair.
 * Use with {@code @QuarkusTestResource(value = FieldcastTestResource.class,
 * initArgs = @ResourceArg(name = "service", value = "dispatch"))}.
 */
public class FieldcastTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    private String service = "service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        SharedPostgres pg = SharedPostgres.get();
        String database = DATABASES.computeIfAbsent(service, s -> pg.createDatabase("test_" + s));
        String kafka = SharedKafka.get().bootstrapServers();
        TestKeys keys = TestKeys.get();

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("kafka.bootstrap.servers", kafka);
        config.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        config.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by shutdown hooks.
    }
}
