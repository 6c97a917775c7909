package io.fieldcast.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.notify.config.NotifySettings;
import jakarta.enterprise.context.ApplicationScoped;


import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SMS through a Twilio-compatible REST API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, basic auth. Any non-2xx answer is a failed attempt (retried by the sender).
 */
@ApplicationScoped
public class TwilioChannel implements Channel {

    private final NotifySettings config;
    private final ObjectMapper json;
    private final HttpClient http;

    public TwilioChannel(NotifySettings config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.twilio().timeout()).build();
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String send(OutgoingMessage message) throws IOException, InterruptedException {
        var twilio = config.twilio();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.recipient());
        form.put("From", twilio.from());
        form.put("Body", message.body());
        if (twilio.statusCallbacks()) {
            form.put("StatusCallback", config.publicBaseUrl() + "/api/sms/status");
        }
        String auth = basicAuth();
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/"
                        + twilio.accountSid() + "/Messages.json"))
                .timeout(twilio.timeout())
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("twilio answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        JsonNode sid = json.readTree(response.body()).get("sid");
        return sid == null ? null : sid.asText();
    }

    /**
     * Twilio's message list, filtered by recipient and day: a copy with the same body created since {@code since}
     * (a minute of clock skew allowed) is the one a crashed attempt handed over.
     */
    @Override
    public Optional<String> findHandedOver(OutgoingMessage message, Instant since) throws IOException,
            InterruptedException {
        var twilio = config.twilio();
        Instant from = since.minus(Duration.ofMinutes(1));
        String query = "To=" + URLEncoder.encode(message.recipient(), StandardCharsets.UTF_8) + "&DateSent%3E="
                + from.atZone(ZoneOffset.UTC).toLocalDate() + "&PageSize=100";
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/"
                        + twilio.accountSid() + "/Messages.json?" + query))
                .timeout(twilio.timeout())
                .header("Authorization", "Basic " + basicAuth())
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("twilio message list answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        for (JsonNode m : json.readTree(response.body()).path("messages")) {
            String created = m.path("date_created").asText("");
            boolean recent = created.isEmpty()
                    || !ZonedDateTime.parse(created, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(from);
            if (recent && message.body().equals(m.path("body").asText(null))
                    && message.recipient().equals(m.path("to").asText(null))) {
                return Optional.of(m.path("sid").asText());
            }
        }
        return Optional.empty();
    }

    private String basicAuth() {
        var twilio = config.twilio();
        return Base64.getEncoder().encodeToString((twilio.accountSid() + ":" + twilio.authToken().orElseThrow())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
