package io.fieldcast.platform.kafka;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quarkus's Kafka health check connects with the platform's client settings, not with its own {@code kafka.*}. */
@QuarkusTest
class KafkaClientConfigTest {

    @Inject
    KafkaSettings settings;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> healthCheckConnection;

    @Test
    void theHealthCheckConnectsWithTheClientsSettingsAndFindsTheBroker() {
        assertEquals(KafkaClientProperties.common(settings), healthCheckConnection);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.findAll { it.name == 'Kafka connection health check' }.status", hasItem("UP"));
    }
}
