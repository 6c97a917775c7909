package io.fieldcast.mobile.privacy;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Events;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.mobile.route.RoutePrivacy;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone's copy of the customers: erased once when a customer is forgotten (only their visits, audited) and for
 * every visit of a route past {@code visit-details}; younger routes keep theirs.
 */
@QuarkusTest
class RoutePrivacyTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;
    @Inject
    RoutePrivacy privacy;
    @Inject
    PrivacySettings settings;

    @Test
    void forgottenCustomerLeavesTheStoredRouteAndTapNotesOnce() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, Fixtures.DAY, 1, 3);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID forgottenVisit = route.visits().get(1).appointmentId();
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"status\":\"EN_ROUTE\",\"clientId\":\"f1\","
                        + "\"note\":\"Mr Visser's dog bites\",\"deviceTime\":\"" + Instant.now() + "\"}")
                .post("/api/me/visits/" + forgottenVisit + "/status").then().statusCode(200);

        UUID customer = UUID.randomUUID();
        var forgotten = new CustomerForgotten(Events.newId(), Instant.now(), 1, customer, List.of(forgottenVisit),
                "root");
        var marker = new CustomerForgotten(Events.newId(), Instant.now(), 1, customer, List.of(), "root");
        publisher.send(forgotten).get(10, TimeUnit.SECONDS);
        publisher.send(forgotten).get(10, TimeUnit.SECONDS); // redelivered: applied once
        publisher.send(marker).get(10, TimeUnit.SECONDS); // same key, applied after both
        awaitAudit(marker.eventId());
        assertEquals(1, count("select count(*) from audit_log where entity_type = 'customer' and entity_id = '"
                + customer + "' and action = 'FORGOTTEN' and reason = 'CustomerForgotten " + forgotten.eventId()
                + "'"));

        given().auth().oauth2(token).queryParam("date", Fixtures.DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[1].appointmentId", equalTo(forgottenVisit.toString()))
                .body("visits[1].customerFirstName", nullValue())
                .body("visits[1].customerPhone", nullValue())
                .body("visits[1].address", equalTo(""))
                .body("visits[1].notes", nullValue())
                .body("visits[1].status", equalTo("EN_ROUTE"))
                .body("visits[1].jobType", equalTo("BOILER_SERVICE"))
                .body("visits[0].customerFirstName", equalTo("Customer 1"))
                .body("visits[2].customerPhone", equalTo("+31612345673"));
        assertEquals(0, count("select count(*) from route_plan where technician_id = '" + tech
                + "' and (payload like '%Customer 2%' or payload like '%+31612345672%')"));
        assertEquals(0, count("select count(*) from visit_status_change where technician_id = '" + tech
                + "' and note is not null"));
    }

    @Test
    void retentionErasesOldRoutesWholeAndLeavesYoungOnes() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        LocalDate today = LocalDate.of(2026, 3, 2);
        LocalDate longAgo = today.minusDays(120);
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, longAgo, 1, 2));
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, today.minusDays(5), 1, 2));

        Instant now = today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        assertTrue(privacy.run(now, settings) >= 1);

        given().auth().oauth2(token).queryParam("date", longAgo.toString()).get("/api/me/route").then()
                .statusCode(200).body("visits[0].customerFirstName", nullValue())
                .body("visits[1].address", equalTo("")).body("visits[1].location.lat", equalTo(45.01f));
        given().auth().oauth2(token).queryParam("date", today.minusDays(5).toString()).get("/api/me/route").then()
                .statusCode(200).body("visits[0].customerFirstName", equalTo("Customer 1"));
        assertEquals(0, count("select count(*) from route_plan where technician_id = '" + tech
                + "' and route_date = '" + longAgo + "' and erased_at is null"));
        assertEquals(0, privacy.run(now, settings), "nothing left for a second pass");
    }

    private void awaitAudit(UUID eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from audit_log where reason = 'CustomerForgotten " + eventId + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never applied: " + eventId);
            }
            Thread.sleep(100);
        }
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
