package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.Await;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.Events;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The technician's word of the time left of the job in hand, from Kafka to the console's timeline: real PostgreSQL,
 * broker and solver. Territories are UTC; a repair takes 60 minutes.
 */
@QuarkusTest
class JobTimeLeftTest {

    private static final String DAY = "2026-03-04";

    @Inject
    TestCompanies companies;
    @Inject
    EventPublisher publisher;

    /** One technician with two repairs on Wednesday (08-12, 12-16), solved and published. */
    private record Day(TestCompany company, String territory, String technician, UUID first, UUID second) {

        String timeline() {
            return "/api/plans/" + territory + "/" + DAY + "/timeline";
        }
    }

    private Day published(String territory) throws InterruptedException {
        TestCompany company = companies.create(territory);
        UUID first = UUID.fromString(company.book(20, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory,
                3));
        UUID second = UUID.fromString(company.book(21, "REPAIR", DAY + "T12:00:00Z", DAY + "T16:00:00Z", territory,
                3));
        company.solve(territory, DAY);
        company.publish(territory, DAY);
        Day day = new Day(company, territory, territory + "-tech", first, second);
        assertEquals(day.technician(), appointment(day, first).get("technicianId"));
        return day;
    }

    @Test
    void aWordWhileOnSiteIsShownAndOnlyANewerOneReplacesIt() throws Exception {
        Day day = published("time-left");
        tap(day.technician(), day.first(), VisitStatus.ARRIVED, "08:30");
        awaitStatus(day, day.first(), "ON_SITE");
        Object version = appointment(day, day.first()).get("version");
        assertNull(timeLeft(day, day.first()), "no word yet");

        say(day.technician(), day.first(), 25, "08:40");
        Await.until(() -> minutes(day, day.first()) == 25, "the word is shown");
        Map<String, Object> word = timeLeft(day, day.first());
        assertEquals(DAY + "T08:40:00Z", word.get("saidAt"));
        assertEquals(DAY + "T09:05:00Z", word.get("expectedEnd"));
        assertNotNull(word.get("plannedEnd"), "the plan's end of the job");
        assertEquals(Boolean.FALSE, word.get("pastPlannedEnd"), word.toString());

        // A longer job than the plan has: done after the planned end.
        say(day.technician(), day.first(), 90, "08:50");
        Await.until(() -> minutes(day, day.first()) == 90, "the newer word replaces the older");
        word = timeLeft(day, day.first());
        assertEquals(DAY + "T10:20:00Z", word.get("expectedEnd"));
        assertTrue(Instant.parse((String) word.get("plannedEnd")).isBefore(Instant.parse(DAY + "T10:20:00Z")));
        assertEquals(Boolean.TRUE, word.get("pastPlannedEnd"), word.toString());

        // Said earlier (a phone replaying what it kept offline), or at the same time as the word kept: nothing changes.
        say(day.technician(), day.first(), 5, "08:45");
        say(day.technician(), day.first(), 15, "08:50");
        // The technician's events are one partition, in order: once this one is shown, the two before were handled.
        say(day.technician(), day.first(), 40, "08:55");
        Await.until(() -> minutes(day, day.first()) == 40, "the next newer word is shown");
        List<String> said = audit(day, day.first(), "TIME_LEFT");
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.containsAll(List.of("about 25 min left", "about 90 min left", "about 40 min left")),
                said.toString());
        // A word is not a change of the booking or the plan: the appointment's version stays.
        assertEquals(version, appointment(day, day.first()).get("version"));
    }

    @Test
    void aWordFromAnotherTechnicianBeforeArrivalOrAfterTheVisitIsIgnored() throws Exception {
        Day day = published("time-left-ignored");
        tap(day.technician(), day.first(), VisitStatus.ARRIVED, "08:30");
        awaitStatus(day, day.first(), "ON_SITE");

        say("time-left-stranger", day.first(), 30, "08:40");
        Await.until(() -> !audit(day, day.first(), "TIME_LEFT_IGNORED").isEmpty(), "the stranger's word audited");
        assertTrue(audit(day, day.first(), "TIME_LEFT_IGNORED").getFirst().contains("not the assigned technician"));
        assertNull(stored(day.first()).timeLeftSaidAt, "the stranger's word is not kept");
        assertNull(timeLeft(day, day.first()));

        say(day.technician(), day.first(), 30, "08:41");
        Await.until(() -> minutes(day, day.first()) == 30, "the assignee's word is shown");

        // Done: the word was about the job in hand, and goes with it.
        tap(day.technician(), day.first(), VisitStatus.COMPLETED, "09:10");
        awaitStatus(day, day.first(), "COMPLETED");
        Appointment done = stored(day.first());
        assertNull(done.timeLeftMinutes);
        assertNull(done.timeLeftSaidAt);
        assertNull(timeLeft(day, day.first()));

        // A word after the visit, and one for the next visit before the technician is there: neither is kept.
        say(day.technician(), day.first(), 10, "09:15");
        say(day.technician(), day.second(), 45, "09:16");
        // Handled in order after them on the technician's partition.
        tap(day.technician(), day.second(), VisitStatus.EN_ROUTE, "09:17");
        awaitStatus(day, day.second(), "EN_ROUTE");
        assertNull(stored(day.first()).timeLeftSaidAt, "no word after the visit");
        assertNull(stored(day.second()).timeLeftSaidAt, "no word before arrival");
        assertNull(timeLeft(day, day.first()));
        assertNull(timeLeft(day, day.second()));
        assertEquals(1, audit(day, day.first(), "TIME_LEFT").size());
        assertTrue(audit(day, day.second(), "TIME_LEFT").isEmpty());
    }

    private void tap(String technician, UUID visit, VisitStatus status, String time) throws Exception {
        Instant at = Instant.parse(DAY + "T" + time + ":00Z");
        publisher.send(new VisitStatusChanged(Events.newId(), at, VisitStatusChanged.SCHEMA_VERSION, technician,
                visit, status, null, null, at, at, "tap-" + UUID.randomUUID())).get(10, TimeUnit.SECONDS);
    }

    private void say(String technician, UUID visit, int minutes, String time) throws Exception {
        Instant at = Instant.parse(DAY + "T" + time + ":00Z");
        publisher.send(new JobTimeLeft(Events.newId(), at, JobTimeLeft.SCHEMA_VERSION, technician, visit, minutes,
                at, at, "left-" + UUID.randomUUID())).get(10, TimeUnit.SECONDS);
    }

    private static void awaitStatus(Day day, UUID visit, String status) throws InterruptedException {
        Await.until(() -> status.equals(appointment(day, visit).get("status")), visit + " " + status);
    }

    private static Map<String, Object> appointment(Day day, UUID visit) {
        return given().auth().oauth2(day.company().dispatcherToken()).get("/api/appointments/" + visit).then()
                .statusCode(200).extract().jsonPath().getMap("");
    }

    /** The visit's {@code timeLeft} in the console's timeline, or null. */
    private static Map<String, Object> timeLeft(Day day, UUID visit) {
        return given().auth().oauth2(day.company().dispatcherToken()).get(day.timeline()).then().statusCode(200)
                .extract().jsonPath().getMap("visits.find { it.appointmentId == '" + visit + "' }.timeLeft");
    }

    private static int minutes(Day day, UUID visit) {
        Map<String, Object> word = timeLeft(day, visit);
        return word == null ? -1 : ((Number) word.get("minutes")).intValue();
    }

    /** The reasons of the visit's audit entries with {@code action}. */
    private static List<String> audit(Day day, UUID visit, String action) {
        return given().auth().oauth2(day.company().adminToken()).queryParam("entity", "appointment")
                .queryParam("id", visit.toString()).get("/api/audit").then().statusCode(200).extract()
                .path("findAll { it.action == '" + action + "' }.reason");
    }

    private static Appointment stored(UUID visit) {
        return Reactive.inSession(() -> Appointment.<Appointment>findById(visit));
    }
}
