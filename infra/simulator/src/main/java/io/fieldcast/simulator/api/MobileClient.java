package io.fieldcast.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One technician's phone talking to tech-mobile-api: login, route of the day, status taps, the time left of a job, GPS
 * batches.
 */
public final class MobileClient {

    /** Most pings the API takes in one batch. */
    public static final int MAX_BATCH = 500;

    /**
     * The route as the phone sees it. {@code timeLeftAskedAt}: by visit, when the platform last asked how long the job
     * in hand still takes, for the visits whose question the phone shows (none from a service that does not ask).
     */
    public record Route(String technicianId, LocalDate date, long planVersion, Instant shiftStart, Instant shiftEnd,
                        GeoPoint start, GeoPoint end, List<PlannedStop> stops, Map<UUID, Instant> timeLeftAskedAt) {

        public Route {
            timeLeftAskedAt = Collections.unmodifiableMap(new LinkedHashMap<>(timeLeftAskedAt));
        }
    }

    /** What the API did with a batch or a tap. */
    public record Sent(int accepted, int duplicates, int rejected, List<String> reasons) {
    }

    private final HttpApi http;
    private final String technicianId;
    private String token;
    private String refreshToken;
    private Instant expiresAt = Instant.MIN;

    public MobileClient(HttpApi http, String technicianId) {
        this.http = http;
        this.technicianId = technicianId;
    }

    public void login(String secret, String deviceId) {
        remember(http.call("POST", "/api/auth/device", Map.of("technicianId", technicianId, "secret", secret,
                "deviceId", deviceId), null, Set.of(200)).body());
    }

    /** The published route, or null when none is published for that date (404). */
    public Route route(LocalDate date) {
        var answer = http.call("GET", "/api/me/route?date=" + date, null, token(), Set.of(200, 404));
        if (answer.status() == 404) {
            return null;
        }
        JsonNode r = answer.body();
        List<PlannedStop> stops = new ArrayList<>();
        Map<UUID, Instant> asked = new LinkedHashMap<>();
        for (JsonNode v : r.path("visits")) {
            UUID id = UUID.fromString(v.path("appointmentId").asText());
            stops.add(new PlannedStop(id, v.path("sequence").asInt(), v.path("jobType").asText(),
                    point(v.path("location")), instant(v.path("windowStart")), instant(v.path("windowEnd")),
                    instant(v.path("plannedArrival")), v.path("plannedDurationMinutes").asInt(),
                    instant(v.path("toldWindowStart"))));
            Instant askedAt = instant(v.path("timeLeftAskedAt"));
            if (askedAt != null) {
                asked.put(id, askedAt);
            }
        }
        return new Route(r.path("technicianId").asText(), LocalDate.parse(r.path("date").asText()),
                r.path("planVersion").asLong(), instant(r.path("shiftStart")), instant(r.path("shiftEnd")),
                point(r.path("start")), point(r.path("end")), stops, asked);
    }

    /** One tap; a 409 (transition no longer allowed, e.g. re-planned away) counts as rejected, not as a failure. */
    public Sent tap(PhoneOutput.StatusTap tap) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", tap.status().name());
        if (tap.reasonCode() != null) {
            body.put("reasonCode", tap.reasonCode());
        }
        if (tap.note() != null) {
            body.put("note", tap.note());
        }
        body.put("deviceTime", tap.deviceTime());
        body.put("clientId", tap.clientId());
        return onVisit(tap.appointmentId(), "status", body);
    }

    /** One tap on a visit ({@code what}: its path under the visit); a 4xx counts as rejected, with its message. */
    private Sent onVisit(UUID appointmentId, String what, Map<String, Object> body) {
        var answer = http.call("POST", "/api/me/visits/" + appointmentId + "/" + what, body, token(),
                Set.of(200, 201, 400, 404, 409));
        if (answer.status() >= 400) {
            return new Sent(0, 0, 1, List.of(answer.status() + " " + answer.body().path("message").asText()));
        }
        return new Sent(1, 0, 0, List.of());
    }

    /**
     * The technician's read of the job in hand; a 409 (the visit is no longer on site, e.g. re-planned away) counts as
     * rejected, not as a failure.
     */
    public Sent timeLeft(PhoneOutput.TimeLeft said) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minutesLeft", said.minutes());
        body.put("deviceTime", said.deviceTime());
        body.put("clientId", said.clientId());
        return onVisit(said.appointmentId(), "time-left", body);
    }

    /** A batch of at most {@link #MAX_BATCH} fixes. */
    public Sent pings(List<PhoneOutput.Fix> fixes) {
        List<Map<String, Object>> pings = new ArrayList<>(fixes.size());
        for (PhoneOutput.Fix f : fixes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("clientId", f.clientId());
            p.put("deviceTime", f.deviceTime().toString());
            p.put("lat", f.lat());
            p.put("lon", f.lon());
            p.put("accuracy", f.accuracy());
            p.put("speed", f.speed());
            p.put("heading", f.heading());
            pings.add(p);
        }
        var answer = http.call("POST", "/api/me/locations", Map.of("pings", pings), token(), Set.of(202, 400));
        JsonNode b = answer.body();
        List<String> reasons = new ArrayList<>();
        b.path("rejected").forEach(r -> reasons.add(r.path("reason").asText()));
        if (answer.status() == 400 && reasons.isEmpty()) {
            reasons.add(b.path("message").asText("400"));
            return new Sent(0, 0, fixes.size(), reasons);
        }
        return new Sent(b.path("accepted").asInt(), b.path("duplicates").asInt(), b.path("rejected").size(), reasons);
    }

    public String technicianId() {
        return technicianId;
    }

    /** A valid access token, refreshed a minute before it expires (tokens last 15 min). */
    private synchronized String token() {
        if (token != null && Instant.now().isAfter(expiresAt.minusSeconds(60)) && refreshToken != null) {
            remember(http.call("POST", "/api/auth/refresh", Map.of("refreshToken", refreshToken), null,
                    Set.of(200)).body());
        }
        return token;
    }

    private void remember(JsonNode tokens) {
        token = tokens.path("token").asText();
        refreshToken = tokens.path("refreshToken").asText(null);
        expiresAt = tokens.hasNonNull("expiresAt") ? Instant.parse(tokens.path("expiresAt").asText())
                : Instant.now().plusSeconds(600);
    }

    private static GeoPoint point(JsonNode p) {
        return p.isMissingNode() || p.isNull() ? null : GeoPoint.of(p.path("lat").asDouble(), p.path("lon").asDouble());
    }

    private static Instant instant(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
    }
}
