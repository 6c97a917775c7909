package io.fieldcast.infra.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeConfigTest {

    @TempDir
    Path dir;

    @Test
    void noVariablesMeansEmbeddedServersOnDefaultPorts() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of(RuntimeConfig.HOME, dir.toString()));

        assertTrue(config.embeddedPostgres());
        assertTrue(config.embeddedKafka());
        assertEquals(15432, config.pgPort());
        assertEquals(19092, config.kafkaPort());
        assertEquals(19093, config.kafkaControllerPort());
        assertEquals(dir.resolve("postgres"), config.home().postgresData());
    }

    @Test
    void externalAddressesAreUsedWithTheirCredentials() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of(
                "FIELDCAST_PG_URL", "postgresql://db.internal:5433/fieldcast",
                "FIELDCAST_PG_USER", "dispatch",
                "FIELDCAST_PG_PASSWORD", "s3cret",
                "FIELDCAST_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"));

        assertEquals(Optional.of(new PostgresAddress("db.internal", 5433, "fieldcast")), config.externalPostgres());
        assertEquals("dispatch", config.pgUser());
        assertEquals("s3cret", config.pgPassword());
        assertEquals(Optional.of("k1:9092,k2:9092"), config.externalKafka());
    }

    @Test
    void addressesFromASourcedEmbeddedRuntimeEnvStillMeanEmbedded() {
        Map<String, String> sourced = RuntimeEnv.of(PostgresAddress.local(15432, "fieldcast"), "postgres", "postgres",
                true, "localhost:19092", true, PlatformKeys.ensure(dir));

        RuntimeConfig config = RuntimeConfig.fromEnvironment(sourced);

        assertTrue(config.embeddedPostgres());
        assertTrue(config.embeddedKafka());
    }

    @Test
    void configSurvivesTheTripThroughTheSupervisorsEnvironment() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of(
                "FIELDCAST_HOME", dir.toString(),
                "FIELDCAST_PG_URL", "postgresql://db:5432/fieldcast",
                "FIELDCAST_KAFKA_PORT", "29092"));

        assertEquals(config, RuntimeConfig.fromEnvironment(config.toEnvironment()));
    }

    @Test
    void badPortIsRejectedNamingTheVariable() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.fromEnvironment(Map.of("FIELDCAST_PG_PORT", "70000")));

        assertEquals("FIELDCAST_PG_PORT must be a port number (1-65535), was: 70000", error.getMessage());
    }

    @Test
    void postgresUrlAcceptsJdbcPrefixAndDefaultPortButNotOtherSchemes() {
        assertEquals(new PostgresAddress("h", 5432, "db"), PostgresAddress.parse("jdbc:postgresql://h/db"));
        assertEquals("jdbc:postgresql://h:5432/db", PostgresAddress.parse("postgresql://h/db").jdbcUrl());
        assertThrows(IllegalArgumentException.class, () -> PostgresAddress.parse("mysql://h:3306/db"));
        assertThrows(IllegalArgumentException.class, () -> PostgresAddress.parse("postgresql://h:5432/"));
    }

    @Test
    void runtimeEnvValuesWithSpacesAreQuotedForTheShellAndReadBack() {
        Path file = dir.resolve("runtime.env");
        Map<String, String> values = Map.of("FIELDCAST_JWT_PUBLIC_KEY", "/home/a user/it's/key.pem");

        RuntimeEnv.write(file, values);

        assertEquals(values, RuntimeEnv.read(file));
        assertEquals("'/home/a user/it'\\''s/key.pem'", RuntimeEnv.quote("/home/a user/it's/key.pem"));
    }
}
