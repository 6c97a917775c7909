package io.fieldcast.bench.fuzz;

import io.fieldcast.bench.fuzz.World.Kind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack-trace and leak detectors catch what they are for, and leave clean answers alone. */
class DetectorsTest {

    static final String APPOINTMENT_A = "11111111-1111-1111-1111-111111111111";
    static final String APPOINTMENT_B = "22222222-2222-2222-2222-222222222222";
    static final String APPOINTMENT_A2 = "33333333-3333-3333-3333-333333333333";

    static World world() {
        World w = new World("north", "south", "tech-n1", "tech-s1", LocalDate.of(2026, 12, 3));
        w.add(Kind.TECHNICIAN, "tech-n1", "north", "tech-n1");
        w.add(Kind.TECHNICIAN, "tech-n2", "north", "tech-n2");
        w.add(Kind.TECHNICIAN, "tech-s1", "south", "tech-s1");
        w.add(Kind.APPOINTMENT, APPOINTMENT_A, "north", "tech-n1");
        w.add(Kind.APPOINTMENT, APPOINTMENT_A2, "north", "tech-n2");
        w.add(Kind.APPOINTMENT, APPOINTMENT_B, "south", "tech-s1");
        w.add(Kind.CUSTOMER_NAME, "Sadie Southwell", "south", "tech-s1");
        return w;
    }

    @Test
    void stackTraceFoundInAPlantedTrace() {
        String body = "{\"error\":\"boom\",\"trace\":\"java.lang.IllegalStateException: x\\n\\tat io.fieldcast.A.b(A.java:1)\"}";
        assertTrue(StackTraces.find(body).isPresent());
        assertTrue(StackTraces.find("Caused by: something").isPresent());
        assertTrue(StackTraces.find("failed: org.hibernate.HibernateException").isPresent());
        assertTrue(StackTraces.find("{\"message\":\"jakarta.ws.rs.NotAllowedException\"}").isPresent(),
                "a fully qualified exception class name alone betrays the internals");
    }

    @Test
    void cleanErrorAnswersHaveNoStackTrace() {
        assertFalse(StackTraces.find("{\"error\":\"bad_request\",\"message\":\"windowStart: must not be null\"}")
                .isPresent());
        assertFalse(StackTraces.find("{\"error\":\"territory_forbidden\",\"message\":\"territory south is not one "
                + "of yours (north)\"}").isPresent());
        assertFalse(StackTraces.find("").isPresent());
        assertFalse(StackTraces.find(null).isPresent());
    }

    @Test
    void territoryLeakFoundWhenTheOtherTerritorysIdComesBack() {
        LeakDetector north = world().crossTerritory("north");
        String body = "{\"items\":[{\"id\":\"" + APPOINTMENT_A + "\"},{\"id\":\"" + APPOINTMENT_B + "\"}]}";
        assertTrue(north.find(body, "GET /api/appointments").orElseThrow().startsWith(APPOINTMENT_B));
        assertTrue(north.find("{\"customer\":\"Sadie Southwell\"}", "GET /api/customers?q=Sad").isPresent());
        assertTrue(north.find("{\"territoryId\":\"south\"}", "GET /api/technicians").isPresent());
    }

    @Test
    void ownTerritoryAndEchoesAreNoLeak() {
        LeakDetector north = world().crossTerritory("north");
        assertFalse(north.find("{\"id\":\"" + APPOINTMENT_A + "\",\"territoryId\":\"north\"}", "GET /x").isPresent());
        assertFalse(north.find("{\"deleted\":\"" + APPOINTMENT_B + "\"}", "DELETE /api/x/" + APPOINTMENT_B)
                .isPresent(), "an answer that repeats the id the caller sent tells them nothing new");
    }

    @Test
    void technicianLeakFoundForAnotherTechniciansVisitInTheSameTerritory() {
        LeakDetector phone = world().crossTechnician("tech-n1");
        assertTrue(phone.find("{\"visits\":[{\"appointmentId\":\"" + APPOINTMENT_A2 + "\"}]}", "GET /api/me/route")
                .isPresent());
        assertTrue(phone.find("{\"technicianId\":\"tech-s1\"}", "GET /api/me").isPresent());
        assertFalse(phone.find("{\"technicianId\":\"tech-n1\",\"visits\":[{\"appointmentId\":\"" + APPOINTMENT_A
                + "\"}],\"territoryId\":\"north\"}", "GET /api/me/route").isPresent());
    }

    @Test
    void callerWithoutTokenMayGetNothingOfTheCompany() {
        LeakDetector none = world().anything();
        assertTrue(none.find("[\"" + APPOINTMENT_A + "\"]", "GET /t/abc").isPresent());
        assertFalse(none.find("{\"error\":\"unauthorized\"}", "GET /api/me").isPresent());
    }

    @Test
    void checksCountA5xxAStackTraceAndALeakOnlyOnA2xx() {
        World w = world();
        Checks checks = new Checks(w);
        ApiOperation op = new ApiOperation("dispatch-service", "GET", "/api/appointments", List.of(), null, null);
        Identity dispatcher = new Identity("dispatcher-a", "t", Identity.Scope.TERRITORY_A, null);
        FuzzRequest request = new FuzzRequest(op, dispatcher, "valid", "/api/appointments", Map.of(), null, null);
        String leaky = "{\"id\":\"" + APPOINTMENT_B + "\"}";
        assertEquals(List.of(FuzzReport.Failure.CROSS_TERRITORY_LEAK), checks.inspect(request,
                new FuzzHttp.Answer(200, null, "application/json", false, leaky)).stream()
                .map(Checks.Finding::failure).toList());
        assertEquals(List.of(), checks.inspect(request, new FuzzHttp.Answer(404, null, "application/json", false,
                leaky)), "a refusal that names the id is no leak");
        assertEquals(List.of(FuzzReport.Failure.STATUS_5XX, FuzzReport.Failure.STACK_TRACE), checks.inspect(request,
                new FuzzHttp.Answer(500, null, "text/plain", false, "java.lang.NullPointerException\n\tat x"))
                .stream().map(Checks.Finding::failure).toList());
        assertEquals(List.of(FuzzReport.Failure.STATUS_5XX), checks.inspect(request, new FuzzHttp.Answer(503, "5",
                "application/json", false, "{\"error\":\"unavailable\"}")).stream().map(Checks.Finding::failure)
                .toList(), "a 503 with Retry-After is still a 5xx");
    }

    @Test
    void changesNeedAnAuditRowUnlessExcludedOrReplayed() {
        ApiOperation cancel = new ApiOperation("dispatch-service", "POST", "/api/appointments/{id}/cancel",
                List.of(), null, null);
        ApiOperation pings = new ApiOperation("tech-mobile-api", "POST", "/api/me/locations", List.of(), null, null);
        ApiOperation read = new ApiOperation("dispatch-service", "GET", "/api/appointments", List.of(), null, null);
        Identity admin = new Identity("admin", "t", Identity.Scope.ALL, null);
        FuzzHttp.Answer ok = new FuzzHttp.Answer(200, null, "application/json", false, "{}");
        assertTrue(Checks.needsAudit(request(cancel, admin), ok));
        assertFalse(Checks.needsAudit(request(cancel, admin), new FuzzHttp.Answer(200, null, "application/json",
                true, "{}")), "a replayed answer did nothing the second time");
        assertFalse(Checks.needsAudit(request(cancel, admin), new FuzzHttp.Answer(404, null, null, false, "")));
        assertFalse(Checks.needsAudit(request(pings, admin), ok));
        assertFalse(Checks.needsAudit(request(read, admin), ok));
    }

    private static FuzzRequest request(ApiOperation op, Identity who) {
        return new FuzzRequest(op, who, "valid", op.path(), Map.of(), null, null);
    }
}
