package io.fieldcast.simulator.e2e;

import io.fieldcast.testing.SharedKafka;
import io.fieldcast.testing.SharedPostgres;
import io.fieldcast.testing.TestKeys;

import java.util.HashMap;
import java.util.Map;

/** How a packaged service started by an end-to-end test reaches the test PostgreSQL, Kafka and signing keys. */
final class TestRuntimeEnv {

    private TestRuntimeEnv() {
    }

    /** The variables of runtime.env, pointing at a fresh database named {@code database}. */
    static Map<String, String> withFreshDatabase(String database) {
        SharedPostgres pg = SharedPostgres.get();
        Map<String, String> env = new HashMap<>();
        env.put("FIELDCAST_PG_URL", pg.reactiveUrl(pg.createDatabase(database)));
        env.put("FIELDCAST_PG_USER", pg.user());
        env.put("FIELDCAST_PG_PASSWORD", pg.password());
        env.put("FIELDCAST_KAFKA_BOOTSTRAP", SharedKafka.get().bootstrapServers());
        env.put("FIELDCAST_JWT_PUBLIC_KEY", TestKeys.get().publicKey().toString());
        env.put("FIELDCAST_JWT_PRIVATE_KEY", TestKeys.get().privateKey().toString());
        return env;
    }
}
