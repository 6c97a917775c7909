package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A dispatcher publishing a plan that breaks a window told to a customer is asked to confirm, and told which customers
 * will be texted a new window (real database, broker and solver).
 */
@QuarkusTest
class PublishBrokenPromiseTest {

    private static final String DAY = "2026-03-05";
    private static final String TERRITORY = "broken-promise";
    private static final String PLANS = "/api/plans/" + TERRITORY + "/" + DAY;
    // Told 06:00-06:30 while shifts start at 08:00: no plan can keep it.
    private static final Instant TOLD_START = Instant.parse(DAY + "T06:00:00Z");
    private static final Instant TOLD_END = Instant.parse(DAY + "T06:30:00Z");

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    EventPublisher publisher;

    @AfterEach
    void reset() {
        clock.set(TestClock.MONDAY_6AM);
    }

    @Test
    void publishingAPlanThatBreaksAToldWindowAsksForConfirmationNamingTheCustomer() throws Exception {
        TestCompany f = companies.create(TERRITORY);
        String token = f.dispatcherToken();
        String told = f.book(14, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        f.book(15, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        f.solve(TERRITORY, DAY);
        given().auth().oauth2(token).post(PLANS + "/publish").then().statusCode(200);

        UUID id = UUID.fromString(told);
        publisher.send(new NotificationSent(UUID.randomUUID(), TestClock.MONDAY_6AM, NotificationSent.SCHEMA_VERSION,
                id, "WINDOW_NARROWED", "db-outbox", "+1***00", null, 1, TOLD_START, TOLD_END)).get();
        Await.until(() -> TOLD_START.toString().equals(given().auth().oauth2(token).get(PLANS + "/timeline").then()
                .extract().path("visits.find { it.appointmentId == '" + told + "' }.told.windowStart")), "told");

        // Thursday 07:00: the dispatcher solves the rest of the day again and publishes.
        clock.set(Instant.parse(DAY + "T07:00:00Z"));
        f.solve(TERRITORY, DAY);
        given().auth().oauth2(token).post(PLANS + "/publish").then().statusCode(409)
                .body("message", containsString("breaks the window told to 1 customer(s)"))
                .body("details.brokenPromises.appointmentId", equalTo(List.of(told)))
                .body("details.brokenPromises[0].why", containsString("after the told window ends"))
                .body("details.brokenPromises[0].toldEnd", equalTo(TOLD_END.toString()));

        given().auth().oauth2(token).post(PLANS + "/publish?confirm=true").then().statusCode(200)
                .body("version", equalTo(2));
        given().auth().oauth2(f.adminToken()).get("/api/audit?entity=plan&id="
                        + TERRITORY + "/" + DAY).then().statusCode(200)
                .body("reason", hasItem(containsString("breaks 1 told window(s), confirmed")));
    }

}
