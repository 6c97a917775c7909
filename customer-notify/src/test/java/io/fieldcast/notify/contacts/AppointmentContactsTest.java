package io.fieldcast.notify.contacts;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.CustomerContact;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AppointmentContactsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void bookedThenCanceledAppointmentIsReadBackThroughTheBroker() throws Exception {
        UUID appointment = UUID.randomUUID();
        var booked = new AppointmentBooked(Events.newId(), T0, 1, appointment, "north", "America/New_York", "REPAIR",
                new CustomerContact(UUID.randomUUID(), "Rosa", "+12125550100", null, "es", true, false),
                "1 Main St", new GeoPosition(40.7, -74.0), T0.plusSeconds(3600), T0.plusSeconds(4 * 3600), 2, null);
        publisher.send(booked).get(10, TimeUnit.SECONDS);
        assertEquals("BOOKED", awaitStatus(appointment, "BOOKED"));

        publisher.send(new AppointmentCanceled(Events.newId(), T0.plusSeconds(60), 1, appointment, "customer", "R"))
                .get(10, TimeUnit.SECONDS);
        assertEquals("CANCELED", awaitStatus(appointment, "CANCELED"));
        given().auth().oauth2(dispatcher()).get("/api/appointments/" + appointment + "/contact").then()
                .statusCode(200).body("language", Matchers.equalTo("es"));
        // The contact and the texts of a "north" appointment are not shown to a dispatcher of another territory.
        String north = tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of("north")).token();
        String south = tokens.forUser("sven", Set.of(Roles.DISPATCHER), List.of("south")).token();
        given().auth().oauth2(north).get("/api/appointments/" + appointment + "/contact").then().statusCode(200)
                .body("territoryId", Matchers.equalTo("north"));
        given().auth().oauth2(south).get("/api/appointments/" + appointment + "/contact").then().statusCode(404);
        given().auth().oauth2(south).queryParam("appointmentId", appointment.toString()).get("/api/outbox").then()
                .statusCode(200).body("size()", Matchers.equalTo(0));
        given().auth().oauth2(south).get("/api/outbox").then().statusCode(200)
                .body("appointmentId", Matchers.not(Matchers.hasItem(appointment.toString())));
    }

    @Test
    void unknownAppointmentIs404() {
        given().auth().oauth2(dispatcher()).get("/api/appointments/" + UUID.randomUUID() + "/contact").then()
                .statusCode(404);
    }

    private String awaitStatus(UUID appointment, String wanted) throws InterruptedException {
        String status = null;
        for (int i = 0; i < 100 && !wanted.equals(status); i++) {
            Thread.sleep(200);
            var response = given().auth().oauth2(dispatcher()).get("/api/appointments/" + appointment + "/contact");
            status = response.statusCode() == 200 ? response.path("status") : null;
        }
        return status;
    }

    private String dispatcher() {
        return tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
    }
}
