package io.fieldcast.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * dispatch's customer portal ({@code /portal/api}) as the booking page uses it: no login, a one-time code texted to
 * the phone (read by {@link PortalTexts}) proves it. No retries on 429: a refused customer stays refused (the limits
 * per phone and address answer with a wait of an hour).
 */
public final class PortalClient {

    /** How a booking attempt ended. */
    public enum Outcome { BOOKED, NO_CAPACITY, REFUSED, NO_CODE }

    public record Result(Outcome outcome, UUID appointmentId, String detail) {
    }

    private final HttpClient http;
    private final URI base;
    private final PortalTexts texts;
    private final Duration codeWait;

    public PortalClient(HttpClient http, String dispatchUrl, PortalTexts texts, Duration codeWait) {
        this.http = http;
        this.base = URI.create(dispatchUrl.endsWith("/") ? dispatchUrl : dispatchUrl + "/");
        this.texts = texts;
        this.codeWait = codeWait;
    }

    /** The job types customers may book online, each with answers to its required intake questions. */
    public Map<String, Map<String, String>> jobTypes() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode t : expect(send("GET", "portal/api/job-types", null), 200)) {
            out.put(t.path("code").asText(), answers(t.path("intake")));
        }
        return out;
    }

    /**
     * Answers as a hurried customer gives them: the first option of a choice, "no" to a yes/no question, "n/a" to a
     * text; only the required questions that show without another answer (a "no" or a first option shows no
     * follow-up in the demo's forms; dispatch says so with a 400 otherwise).
     */
    static Map<String, String> answers(JsonNode intake) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode q : intake) {
            if (!q.path("required").asBoolean(false) || q.hasNonNull("showIf")) {
                continue;
            }
            String id = q.path("id").asText();
            switch (q.path("kind").asText()) {
                case "CHOICE" -> out.put(id, q.path("options").path(0).path("value").asText());
                case "YES_NO" -> out.put(id, "no");
                default -> out.put(id, "n/a");
            }
        }
        return out;
    }

    /** The windows offered on {@code date} at the place, as [start, end] pairs in time order. */
    public List<Instant[]> slots(double lat, double lon, String jobType, LocalDate date) {
        JsonNode answer = expect(send("GET", "portal/api/slots?lat=" + lat + "&lon=" + lon + "&jobType=" + jobType
                + "&from=" + date + "&to=" + date, null), 200);
        List<Instant[]> out = new ArrayList<>();
        for (JsonNode s : answer.path("slots")) {
            if (date.toString().equals(s.path("date").asText())) {
                out.add(new Instant[]{Instant.parse(s.path("windowStart").asText()),
                        Instant.parse(s.path("windowEnd").asText())});
            }
        }
        return out;
    }

    /** Asks for a code, reads it off the phone, and books the window with the intake answers. */
    public Result book(String name, String phone, String address, double lat, double lon, String jobType,
                       Map<String, String> answers, Instant windowStart, Instant windowEnd) {
        Answer sent = send("POST", "portal/api/codes", Map.of("phone", phone, "language", "en"));
        if (sent.status() == 429) {
            return new Result(Outcome.REFUSED, null, sent.raw());
        }
        String codeId = expect(sent, 202).path("codeId").asText();
        String code = texts.awaitCode(phone, codeWait);
        if (code == null) {
            return new Result(Outcome.NO_CODE, null, "no code texted to " + phone + " within " + codeWait);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobType", jobType);
        body.put("answers", answers);
        body.put("address", address);
        body.put("lat", lat);
        body.put("lon", lon);
        body.put("windowStart", windowStart.toString());
        body.put("windowEnd", windowEnd.toString());
        body.put("name", name);
        body.put("phone", phone);
        body.put("language", "en");
        body.put("codeId", codeId);
        body.put("code", code);
        Answer booked = send("POST", "portal/api/bookings", body);
        return switch (booked.status()) {
            case 201 -> new Result(Outcome.BOOKED, UUID.fromString(booked.body().path("appointmentId").asText()), null);
            case 409 -> new Result(Outcome.NO_CAPACITY, null, booked.raw());
            case 400, 429 -> new Result(Outcome.REFUSED, null, booked.raw());
            default -> throw new ApiCallException("POST /portal/api/bookings", booked.status(), booked.raw());
        };
    }

    private record Answer(int status, JsonNode body, String raw, String what) {
    }

    private static JsonNode expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new ApiCallException(answer.what(), answer.status(), answer.raw());
        }
        return answer.body();
    }

    private Answer send(String method, String path, Object body) {
        try {
            String json = body == null ? null : Json.MAPPER.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode parsed = raw == null || raw.isBlank() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(raw);
            return new Answer(response.statusCode(), parsed, raw, method + " /" + path);
        } catch (IOException e) {
            throw new ApiCallException(method + " /" + path, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
