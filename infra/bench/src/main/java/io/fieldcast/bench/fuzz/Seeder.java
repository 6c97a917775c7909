package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.fuzz.World.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The company the fuzzer works on, made through the services' own APIs: users of each role, bookings in both
 * territories for tomorrow, the plan solved and published (phones get routes), GPS pings (eta keeps traces), texts
 * (customer-notify confirms bookings). Records every identifier in the {@link World} with its owner.
 */
final class Seeder {

    static final String NORTH = "fuzz-north";
    static final String SOUTH = "fuzz-south";
    static final String USER_PASSWORD = "fuzz-user-password-1";
    /** id, name, phone, territory of each technician. */
    static final List<List<String>> TECHNICIANS = List.of(
            List.of("north-tech-1", "Norma Northcote", "+12125557101", NORTH),
            List.of("north-tech-2", "Ned Northwood", "+12125557102", NORTH),
            List.of("south-tech-1", "Sylvia Southall", "+12125557201", SOUTH),
            List.of("south-tech-2", "Simon Southey", "+12125557202", SOUTH));

    private final Map<String, String> urls;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ZoneId zone = ZoneId.of(FuzzPlatform.ZONE);
    private final Clock clock;

    Seeder(Map<String, String> urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    static String companyJson() {
        StringBuilder techs = new StringBuilder();
        for (List<String> t : TECHNICIANS) {
            techs.append(techs.isEmpty() ? "" : ",").append("""
                    {"id":"%s","name":"%s","phone":"%s","territoryId":"%s","skills":{"cable":3},"breakMinutes":30,
                     "weeklyShifts":{"MONDAY":"07:00-21:00","TUESDAY":"07:00-21:00","WEDNESDAY":"07:00-21:00",
                     "THURSDAY":"07:00-21:00","FRIDAY":"07:00-21:00","SATURDAY":"07:00-21:00","SUNDAY":"07:00-21:00"}}
                    """.formatted(t.get(0), t.get(1), t.get(2), t.get(3)));
        }
        String territory = """
                {"id":"%s","name":"%s","timeZone":"%s","radiusKm":30,"windowProfile":"08:00-12:00,12:00-16:00,16:00-20:00"}""";
        return "{\"territories\":[" + territory.formatted(NORTH, "Fuzz North", FuzzPlatform.ZONE) + ","
                + territory.formatted(SOUTH, "Fuzz South", FuzzPlatform.ZONE) + "],\"jobTypes\":["
                + "{\"code\":\"REPAIR\",\"name\":\"Repair\",\"defaultDurationMin\":45,\"requiredSkills\":{\"cable\":1}},"
                + "{\"code\":\"CHECK\",\"name\":\"Check\",\"defaultDurationMin\":30,\"requiredSkills\":{}}],"
                + "\"technicians\":[" + techs + "]}";
    }

    static List<String> technicianIds() {
        return TECHNICIANS.stream().map(List::getFirst).toList();
    }

    /** Seeds everything and returns the callers: one identity per role, plus none, forged and expired. */
    Result seed(ExpiredTokens signer) throws Exception {
        LocalDate day = LocalDate.now(clock.withZone(zone)).plusDays(1);
        World world = new World(NORTH, SOUTH, "north-tech-1", "south-tech-1", day);
        for (List<String> t : TECHNICIANS) {
            world.add(Kind.TECHNICIAN, t.get(0), t.get(3), t.get(0));
            world.add(Kind.TECHNICIAN_NAME, t.get(1), t.get(3), t.get(0));
            world.add(Kind.TECHNICIAN_PHONE, t.get(2), t.get(3), t.get(0));
        }
        String dispatch = urls.get("dispatch-service");
        String admin = login(dispatch, FuzzPlatform.ADMIN, FuzzPlatform.ADMIN_PASSWORD);
        List<Identity> identities = new ArrayList<>();
        identities.add(new Identity("admin", admin, Identity.Scope.ALL, null));
        identities.add(person(dispatch, admin, "dispatcher-a", "dispatcher", world));
        identities.add(person(dispatch, admin, "supervisor-a", "supervisor", world));
        identities.add(integration(dispatch, admin, world));
        for (int i = 1; i <= 3; i++) {
            createUser(dispatch, admin, "victim-" + i, "person", "dispatcher", SOUTH);
            world.victimUsers.add("victim-" + i);
        }
        String mobile = urls.get("tech-mobile-api");
        String phoneA = deviceLogin(mobile, world.deviceTechA, "fuzz-phone-a");
        String phoneB = deviceLogin(mobile, world.deviceTechB, "fuzz-phone-b");
        identities.add(new Identity("technician-a", phoneA, Identity.Scope.TECHNICIAN, world.deviceTechA));
        identities.add(new Identity("technician-b", phoneB, Identity.Scope.TECHNICIAN, world.deviceTechB));
        identities.add(new Identity("anonymous", null, Identity.Scope.NONE, null));
        identities.add(new Identity("forged", signer.forged(), Identity.Scope.NONE, null));
        identities.add(new Identity("expired", signer.expired(), Identity.Scope.NONE, null));

        book(dispatch, admin, world);
        for (String territory : List.of(NORTH, SOUTH)) {
            plan(dispatch, admin, territory, day);
        }
        assignments(dispatch, admin, world);
        ping(mobile, phoneA, 0);
        ping(mobile, phoneB, 1);
        Instant now = clock.instant();
        awaitRows(urls.get("eta-service"), "/api/technicians/" + world.deviceTechA + "/pings?from="
                + now.minus(Duration.ofHours(2)) + "&to=" + now.plus(Duration.ofHours(1)), admin, "eta's GPS trace");
        awaitRows(urls.get("customer-notify"), "/api/outbox", admin, "customer-notify's texts");
        awaitRows(mobile, "/api/me/route?date=" + day, phoneA, "technician-a's route");
        return new Result(world, identities);
    }

    record Result(World world, List<Identity> identities) {
    }

    private Identity person(String dispatch, String admin, String name, String role, World world) throws Exception {
        createUser(dispatch, admin, name, "person", role, NORTH);
        world.protectedUsers.add(name);
        return new Identity(name, login(dispatch, name, USER_PASSWORD), Identity.Scope.TERRITORY_A, null);
    }

    private Identity integration(String dispatch, String admin, World world) throws Exception {
        JsonNode created = createUser(dispatch, admin, "integration-a", "integration", "dispatcher", NORTH);
        world.protectedUsers.add("integration-a");
        JsonNode token = call("POST", dispatch + "/api/auth/token", Map.of("clientId", "integration-a",
                "clientSecret", created.path("secret").asText()), null, 200);
        return new Identity("integration-a", token.path("token").asText(), Identity.Scope.TERRITORY_A, null);
    }

    private JsonNode createUser(String dispatch, String admin, String name, String kind, String role,
                                String territory) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("username", name, "displayName", "Fuzz " + name,
                "kind", kind, "roles", List.of(role), "territories", List.of(territory)));
        if (kind.equals("person")) {
            body.put("password", USER_PASSWORD);
        }
        return call("POST", dispatch + "/api/admin/users", body, admin, 201);
    }

    private String login(String dispatch, String user, String password) throws Exception {
        return call("POST", dispatch + "/api/auth/login", Map.of("username", user, "password", password), null, 200)
                .path("token").asText();
    }

    private String deviceLogin(String mobile, String technician, String device) throws Exception {
        return call("POST", mobile + "/api/auth/device", Map.of("technicianId", technician, "secret",
                FuzzPlatform.DEVICE_SECRET, "deviceId", device), null, 200).path("token").asText();
    }

    /** Three visits per territory, each for a customer of its own, in the afternoon window of the day. */
    private void book(String dispatch, String admin, World world) throws Exception {
        Instant start = world.day.atTime(LocalTime.of(12, 0)).atZone(zone).toInstant();
        String[][] people = {{"Nadia Northbrook", "Nils Northam", "Nora Northfield"},
                {"Sadie Southwell", "Stan Southworth", "Sofia Southgate"}};
        for (int t = 0; t < 2; t++) {
            String territory = t == 0 ? NORTH : SOUTH;
            for (int i = 0; i < 3; i++) {
                String name = people[t][i];
                String phone = "+1212555" + (8000 + t * 100 + i);
                String address = (10 + i) + (t == 0 ? " Northgate Lane" : " Southbank Road");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("customer", Map.of("name", name, "phone", phone, "smsOptIn", true));
                body.put("address", address);
                body.put("lat", Values.CENTER_LAT + (t == 0 ? 0.01 : -0.01) + i * 0.002);
                body.put("lon", Values.CENTER_LON + i * 0.002);
                body.put("jobType", i == 0 ? "REPAIR" : "CHECK");
                body.put("windowStart", start.toString());
                body.put("windowEnd", start.plus(Duration.ofHours(4)).toString());
                body.put("territoryId", territory);
                JsonNode a = call("POST", dispatch + "/api/appointments", body, admin, 201);
                world.add(Kind.CUSTOMER_NAME, name, territory, null);
                world.add(Kind.CUSTOMER_PHONE, phone, territory, null);
                world.add(Kind.CUSTOMER_NAME, address, territory, null);
                world.add(Kind.APPOINTMENT, a.path("id").asText(), territory, null);
                world.add(Kind.CUSTOMER, a.path("customerId").asText(), territory, null);
            }
        }
    }

    private void plan(String dispatch, String admin, String territory, LocalDate day) throws Exception {
        String base = dispatch + "/api/plans/" + territory + "/" + day;
        call("POST", base + "/solve", Map.of("seconds", 2), admin, 202);
        for (int i = 0; i < 120; i++) {
            if (!"SOLVING".equals(call("GET", base, null, admin, 200).path("status").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        call("POST", base + "/publish", null, admin, 200);
    }

    /** Gives each appointment, its customer, name, phone and address the technician the plan put it with. */
    private void assignments(String dispatch, String admin, World world) throws Exception {
        for (String territory : List.of(NORTH, SOUTH)) {
            JsonNode page = call("GET", dispatch + "/api/appointments?territory=" + territory + "&date=" + world.day
                    + "&size=100", null, admin, 200);
            for (JsonNode a : page.path("items")) {
                String technician = a.path("technicianId").asText(null);
                JsonNode customer = call("GET", dispatch + "/api/customers/" + a.path("customerId").asText(), null,
                        admin, 200);
                world.add(Kind.APPOINTMENT, a.path("id").asText(), territory, technician);
                world.add(Kind.CUSTOMER, a.path("customerId").asText(), territory, technician);
                world.add(Kind.CUSTOMER_NAME, customer.path("name").asText(), territory, technician);
                world.add(Kind.CUSTOMER_PHONE, customer.path("phone").asText(), territory, technician);
                world.add(Kind.CUSTOMER_NAME, a.path("address").asText(), territory, technician);
            }
        }
    }

    private void ping(String mobile, String token, int n) throws Exception {
        List<Map<String, Object>> pings = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < 5; i++) {
            pings.add(Map.of("clientId", "seed-" + n + "-" + i, "deviceTime", now.minusSeconds(60L * (5 - i))
                    .toString(), "lat", Values.CENTER_LAT + i * 0.001, "lon", Values.CENTER_LON, "accuracy", 8.0));
        }
        call("POST", mobile + "/api/me/locations", Map.of("pings", pings), token, 202);
    }

    private void awaitRows(String base, String path, String token, String what) throws Exception {
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = raw("GET", base + path, null, token);
            if (r.statusCode() == 200 && r.body().length() > 2 && !r.body().matches("\\s*(\\[\\s*]|\\{\\s*})\\s*")) {
                return;
            }
            Thread.sleep(1000);
        }
        System.err.println("fuzz: warning: no " + what + " after 60 s (" + path + "); fuzzing without it");
    }

    private JsonNode call(String method, String url, Object body, String token, int expected) throws Exception {
        HttpResponse<String> r = raw(method, url, body, token);
        if (r.statusCode() / 100 != expected / 100) {
            throw new IllegalStateException("seeding: " + method + " " + url + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return r.body().isBlank() ? Bodies.JSON.createObjectNode() : Bodies.JSON.readTree(r.body());
    }

    private HttpResponse<String> raw(String method, String url, Object body, String token) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Bodies.JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
