package io.fieldcast.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** dispatch-service's public API as a dispatcher uses it: log in, read reference data, book, mark absences. */
public final class DispatchClient {

    /** A technician as GET /api/technicians returns it (skills and shifts are JSON text there). */
    public record Technician(String id, String name, String territoryId, double homeLat, double homeLon,
                             Map<String, String> weeklyShifts, int breakMinutes, boolean active) {
    }

    public record Territory(String id, String timeZone, String windowProfile) {
    }

    /** A booked appointment with its place in the tentative plan. */
    public record Booked(UUID id, String technicianId, Instant windowStart, Instant windowEnd, String jobType) {
    }

    private final HttpApi http;
    private String token;
    private Instant expiresAt = Instant.MAX;
    private String username;
    private String password;

    public DispatchClient(HttpApi http) {
        this.http = http;
    }

    public void login(String username, String password) {
        this.username = username;
        this.password = password;
        JsonNode answer = http.call("POST", "/api/auth/login", Map.of("username", username, "password", password),
                null, Set.of(200)).body();
        token = answer.path("token").asText();
        expiresAt = answer.hasNonNull("expiresAt") ? Instant.parse(answer.path("expiresAt").asText()) : Instant.MAX;
    }

    public List<Territory> territories() {
        List<Territory> result = new ArrayList<>();
        for (JsonNode t : get("/api/territories")) {
            result.add(new Territory(t.path("id").asText(), t.path("timeZone").asText("UTC"),
                    t.path("windowProfile").asText()));
        }
        return result;
    }

    public List<String> jobTypes() {
        List<String> codes = new ArrayList<>();
        get("/api/job-types").forEach(j -> codes.add(j.path("code").asText()));
        return codes;
    }

    public List<Technician> technicians(String territoryId) {
        List<Technician> result = new ArrayList<>();
        for (JsonNode t : get("/api/technicians?territory=" + territoryId)) {
            Map<String, String> shifts = new LinkedHashMap<>();
            JsonNode parsed = parseText(t.path("weeklyShifts"));
            parsed.properties().forEach(e -> shifts.put(e.getKey(), e.getValue().asText()));
            result.add(new Technician(t.path("id").asText(), t.path("name").asText(), t.path("territoryId").asText(),
                    t.path("homeLat").asDouble(), t.path("homeLon").asDouble(), shifts,
                    t.path("breakMinutes").asInt(), t.path("active").asBoolean(true)));
        }
        return result;
    }

    /** Books a visit for a new customer; null when dispatch has no capacity for that window (409). */
    public Booked book(String customerName, String phone, String address, double lat, double lon, String jobType,
                       Instant windowStart, Instant windowEnd, String territoryId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", Map.of("name", customerName, "phone", phone, "smsOptIn", true));
        body.put("address", address);
        body.put("lat", lat);
        body.put("lon", lon);
        body.put("jobType", jobType);
        body.put("windowStart", windowStart);
        body.put("windowEnd", windowEnd);
        body.put("territoryId", territoryId);
        HttpApi.Answer answer = http.call("POST", "/api/appointments", body, token(), Set.of(201, 409));
        if (answer.status() == 409) {
            return null;
        }
        JsonNode a = answer.body();
        return new Booked(UUID.fromString(a.path("id").asText()), a.path("technicianId").asText(null),
                Instant.parse(a.path("windowStart").asText()), Instant.parse(a.path("windowEnd").asText()),
                a.path("jobType").asText());
    }

    /** Count of appointments already on a territory-day (so a re-run does not book the day twice). */
    public long appointmentCount(String territoryId, LocalDate date) {
        return http.call("GET", "/api/appointments?territory=" + territoryId + "&date=" + date + "&size=1", null,
                token(), Set.of(200)).body().path("total").asLong();
    }

    /** Marks a technician absent (new hires before their first day); 409 if it overlaps is fine. */
    public void absence(String technicianId, LocalDate first, LocalDate last, String kind, String note) {
        http.call("POST", "/api/technicians/" + technicianId + "/absences",
                Map.of("firstDay", first, "lastDay", last, "kind", kind, "note", note), token(),
                Set.of(200, 201, 409));
    }

    /** One appointment of a day with its place in dispatch's current plan (the booking's tentative one until a solve). */
    public record PlannedAppointment(UUID id, String technicianId, Integer routeSeq, Instant plannedArrival,
                                     double lat, double lon, String jobType, Instant windowStart, Instant windowEnd,
                                     int durationMinutes, String status) {
    }

    /** Every appointment of a territory-day, as the dispatcher's list shows it. */
    public List<PlannedAppointment> day(String territoryId, LocalDate date) {
        List<PlannedAppointment> result = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = get("/api/appointments?territory=" + territoryId + "&date=" + date + "&size=500&page="
                    + page);
            for (JsonNode a : body.path("items")) {
                result.add(new PlannedAppointment(UUID.fromString(a.path("id").asText()),
                        a.path("technicianId").asText(null),
                        a.hasNonNull("routeSeq") ? a.path("routeSeq").asInt() : null,
                        a.hasNonNull("plannedArrival") ? Instant.parse(a.path("plannedArrival").asText()) : null,
                        a.path("lat").asDouble(), a.path("lon").asDouble(), a.path("jobType").asText(),
                        Instant.parse(a.path("windowStart").asText()), Instant.parse(a.path("windowEnd").asText()),
                        a.path("durationMinutes").asInt(), a.path("status").asText()));
            }
            if (result.size() >= body.path("total").asLong() || body.path("items").isEmpty()) {
                return result;
            }
        }
    }

    /** Routes sent to each technician for a territory-day: median and maximum per technician (dispatch's count). */
    public record RouteVersions(int p50, int max) {
    }

    public RouteVersions routeVersions(String territoryId, LocalDate date) {
        JsonNode body = get("/api/plans/" + territoryId + "/" + date + "/route-versions");
        return new RouteVersions(body.path("p50").asInt(), body.path("max").asInt());
    }

    HttpApi http() {
        return http;
    }

    /** The dispatcher's token, logging in again a minute before it expires (long history runs outlive it). */
    public synchronized String bearer() {
        return token();
    }

    synchronized String token() {
        if (username != null && Instant.now().isAfter(expiresAt.minusSeconds(60))) {
            login(username, password);
        }
        return token;
    }

    private JsonNode get(String path) {
        return http.call("GET", path, null, token(), Set.of(200)).body();
    }

    private static JsonNode parseText(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        try {
            return node.isTextual() ? Json.MAPPER.readTree(node.asText()) : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
