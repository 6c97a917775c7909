package io.fieldcast.simulator.e2e;

import io.fieldcast.infra.local.DatabaseRoles;
import io.fieldcast.infra.local.RuntimeEnv;
import io.fieldcast.testing.SharedKafka;
import io.fieldcast.testing.SharedPostgres;
import io.fieldcast.testing.TestKeys;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a packaged service started by an end-to-end test reaches the test PostgreSQL, Kafka and keys: a runtime.env as
 * {@code ./fieldcast up} writes it, per-service roles included, so the services migrate and run as their own roles
 * (the launcher gives each its share). The test itself keeps the superuser's login, to check across schemas.
 */
final class TestRuntimeEnv {

    /** Fixed, not generated: roles are global to the server, which several test JVMs may share. */
    private static final List<DatabaseRoles.Role> ROLES = DatabaseRoles.SCHEMAS.stream()
            .map(schema -> new DatabaseRoles.Role(schema, "fieldcastEndToEnd" + schema))
            .toList();

    /**
     * The JVM of a service an end-to-end test starts: the client compiler alone and the serial collector, as the test
     * JVMs (the root pom's fieldcast.test.jvm): on two cores a collector's own threads take CPU the suite needs.
     */
    static final List<String> SERVICE_JVM = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private TestRuntimeEnv() {
    }

    /** The variables of runtime.env, pointing at a fresh database named {@code database}. */
    static Map<String, String> withFreshDatabase(String database) {
        SharedPostgres pg = SharedPostgres.get();
        String name = pg.createDatabase(database);
        try (Connection superuser = DriverManager.getConnection(pg.jdbcUrl(name), pg.user(), pg.password())) {
            DatabaseRoles.provision(superuser, name, ROLES);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the services their roles in " + name, e);
        }
        Map<String, String> env = new HashMap<>();
        env.put(RuntimeEnv.PG_URL, pg.reactiveUrl(name));
        env.put(RuntimeEnv.PG_USER, pg.user());
        env.put(RuntimeEnv.PG_PASSWORD, pg.password());
        DatabaseRoles.putEnvironment(ROLES, env);
        env.put(RuntimeEnv.KAFKA_BOOTSTRAP, SharedKafka.get().bootstrapServers());
        // The tests seed users and phones with short secrets, as the demo does (on 127.0.0.1).
        env.put("FIELDCAST_DEMO_CREDENTIALS", "true");
        env.put(RuntimeEnv.JWT_PUBLIC_KEY, TestKeys.get().publicKey().toString());
        env.put(RuntimeEnv.JWT_PRIVATE_KEY, TestKeys.get().privateKey().toString());
        env.put(RuntimeEnv.TRACKING_SECRET, "fieldcastEndToEndTrackingLinks");
        env.put(RuntimeEnv.PORTAL_LINK_SECRET, "fieldcastEndToEndManageLinks");
        // The services a demo starts get the same collector as those started on their own (SERVICE_JVM).
        env.put("FIELDCAST_SERVICE_JAVA_OPTS", "-XX:+UseSerialGC");
        return env;
    }
}
