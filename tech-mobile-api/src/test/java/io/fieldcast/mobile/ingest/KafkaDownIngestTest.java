package io.fieldcast.mobile.ingest;

import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.SharedKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kafka down: the test JVM's broker stops under the running service. A batch is refused with 503 + Retry-After;
 * then the broker comes back and the phone's retry of the very same batch is accepted, and every ping of it is on
 * the topic under one event id.
 */
@QuarkusTest
class KafkaDownIngestTest {

    @Inject
    TokenIssuer tokens;

    @Test
    void kafkaDownIs503WithRetryAfterAndTheSameBatchIsAcceptedOnceWhenItIsBack() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        String batch = Pings.goodBatch("down", 20);

        SharedKafka kafka = SharedKafka.get();
        assumeTrue(kafka.restartable(), "the broker is an external cluster: this test cannot take it away");
        kafka.stopBroker();
        Response refused;
        try {
            refused = post(token, batch);
        } finally {
            kafka.startBroker();
        }
        assertEquals(503, refused.statusCode(), refused.asString());
        assertNotNull(refused.header("Retry-After"));

        try (EventProbe probe = EventProbe.atEnd(Topics.TECH_LOCATIONS)) {
            Response retried = refused;
            for (int attempt = 0; attempt < 40 && retried.statusCode() == 503; attempt++) {
                Thread.sleep(Long.parseLong(retried.header("Retry-After")) * 1000);
                retried = post(token, batch);
            }
            assertEquals(202, retried.statusCode(), retried.asString());
            assertEquals(20, retried.jsonPath().getInt("accepted"));

            probe.await(LocationPing.class, p -> p.technicianId().equals(tech), 20, Duration.ofSeconds(20));
            List<LocationPing> onTopic = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(e -> e instanceof LocationPing p && p.technicianId().equals(tech))
                    .map(LocationPing.class::cast).toList();
            // Every ping of the batch is there. A send of the refused attempt still queued when Kafka came back
            // may have gone through as well: such a copy carries the same eventId, so consumers keep one.
            Map<String, Set<UUID>> idsByPing = onTopic.stream().collect(Collectors.groupingBy(
                    LocationPing::clientId, Collectors.mapping(LocationPing::eventId, Collectors.toSet())));
            assertEquals(20, idsByPing.size());
            idsByPing.values().forEach(ids -> assertEquals(1, ids.size()));
        }
    }

    private static Response post(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/api/me/locations");
    }
}
