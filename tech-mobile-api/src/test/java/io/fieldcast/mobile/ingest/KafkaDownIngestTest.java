package io.fieldcast.mobile.ingest;

import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.Infra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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

/**
 * The service's producer points at a port where no broker listens (Kafka down). A batch is refused with 503 +
 * Retry-After; then the port starts forwarding to the real broker (Kafka back) and the phone's retry of the
 * very same batch is accepted, and every ping of it is on the topic under one event id.
 */
@QuarkusTest
@TestProfile(KafkaDownIngestTest.KafkaDown.class)
class KafkaDownIngestTest {

    // Quarkus loads test classes twice (two class loaders): a system property gives both the same port.
    static final int DEAD_PORT = Integer.parseInt(System.getProperties().computeIfAbsent("mobile.test.dead-port",
            k -> String.valueOf(TcpForwarder.freePort())).toString());

    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "fieldcast.kafka.bootstrap-servers", "127.0.0.1:" + DEAD_PORT,
                    "fieldcast.kafka.max-block", "300ms",
                    "fieldcast.kafka.delivery-timeout", "6s",
                    "fieldcast.kafka.consumers-enabled", "false",
                    "fieldcast.mobile.ingest.retry-after-seconds", "1",
                    "fieldcast.mobile.ingest.breaker-open", "300ms");
        }
    }

    @Inject
    TokenIssuer tokens;

    @Test
    void kafkaDownIs503WithRetryAfterAndTheSameBatchIsAcceptedOnceWhenItIsBack() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        String batch = Pings.goodBatch("down", 20);

        Response refused = post(token, batch);
        assertEquals(503, refused.statusCode(), refused.asString());
        assertNotNull(refused.header("Retry-After"));

        String[] broker = Infra.kafkaBootstrap().split(",")[0].split(":");
        try (EventProbe probe = EventProbe.atEnd(Topics.TECH_LOCATIONS);
             TcpForwarder back = new TcpForwarder(DEAD_PORT, broker[0], Integer.parseInt(broker[1]))) {
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
