package io.fieldcast.mobile.visit;

import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/** The phone follows the day as dispatch changes it: canceled visits go, moved visits belong to their new owner. */
@QuarkusTest
class CanceledAndMovedVisitTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void canceledVisitLeavesTheRouteAndRefusesTaps() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 3);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID canceled = route.visits().get(1).appointmentId();

        // No re-planned route follows (dispatch re-plans only today's running day): the cancel alone must do.
        publisher.send(new AppointmentCanceled(Events.newId(), Instant.now(), AppointmentCanceled.SCHEMA_VERSION,
                canceled, "customer", "C")).get(10, TimeUnit.SECONDS);
        awaitVisits(token, 2);
        routeOf(token).body("visits.appointmentId", not(hasItem(canceled.toString())));

        post(canceled, "c1", token).statusCode(409).body("message", containsString("was canceled"));
        post(route.visits().getFirst().appointmentId(), "c2", token).statusCode(200);
    }

    @Test
    void visitMovedByARePlanIsTappedOnlyByItsNewTechnician() throws Exception {
        String before = Fixtures.uniqueTechnician();
        String after = Fixtures.uniqueTechnician();
        String beforeToken = tokens.forTechnician(before, "phone").token();
        String afterToken = tokens.forTechnician(after, "phone").token();
        RoutePlanned first = Fixtures.route(before, DAY, 1, 2);
        Fixtures.publishAndAwait(publisher, beforeToken, first);
        Fixtures.publishAndAwait(publisher, afterToken, Fixtures.route(after, DAY, 1, 0));

        // Plan 2 moves the first technician's visits to the second; the first gets an empty route.
        RoutePlanned emptied = new RoutePlanned(Events.newId(), first.occurredAt(), RoutePlanned.SCHEMA_VERSION,
                before, first.territoryId(), DAY, 2, first.start(), first.end(), first.shiftStart(),
                first.shiftEnd(), List.of());
        RoutePlanned taken = new RoutePlanned(Events.newId(), first.occurredAt(), RoutePlanned.SCHEMA_VERSION,
                after, first.territoryId(), DAY, 2, first.start(), first.end(), first.shiftStart(),
                first.shiftEnd(), first.visits());
        Fixtures.publishAndAwait(publisher, beforeToken, emptied);
        Fixtures.publishAndAwait(publisher, afterToken, taken);

        routeOf(beforeToken).body("visits", empty());
        UUID moved = first.visits().getFirst().appointmentId();
        post(moved, "c1", beforeToken).statusCode(404).body("message", containsString("not on your route"));
        post(moved, "c2", afterToken).statusCode(200).body("status", equalTo("EN_ROUTE"));
    }

    private static ValidatableResponse routeOf(String token) {
        return given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200);
    }

    private static void awaitVisits(String token, int count) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            var response = given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route");
            if (response.statusCode() == 200 && response.jsonPath().getList("visits").size() == count) {
                return;
            }
            Thread.sleep(100);
        }
        routeOf(token).body("visits", hasSize(count));
    }

    private static ValidatableResponse post(UUID appointment, String clientId, String token) {
        String body = "{\"status\":\"EN_ROUTE\",\"clientId\":\"" + clientId + "\",\"deviceTime\":\"" + Instant.now()
                + "\"}";
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/me/visits/" + appointment + "/status").then();
    }
}
