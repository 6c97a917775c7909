package io.fieldcast.testing;

/** Entry points for tests that need the shared infrastructure outside of a Quarkus test resource. */
public final class Infra {

    private Infra() {
    }

    public static String kafkaBootstrap() {
        return SharedKafka.get().bootstrapServers();
    }

    public static SharedPostgres postgres() {
        return SharedPostgres.get();
    }
}
