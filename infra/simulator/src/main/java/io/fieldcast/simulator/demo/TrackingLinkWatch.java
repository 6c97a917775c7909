package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.HttpApi;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints a customer's tracking link once the first text that carries one has been sent. */
final class TrackingLinkWatch {

    static final Pattern LINK = Pattern.compile("https?://\\S+/t/[A-Za-z0-9._~-]+");

    private final HttpApi notify;
    private final DispatchClient dispatcher;
    private final PrintStream out;
    private volatile Thread thread;

    private final LocalDate today;
    private final ZoneId zone;

    TrackingLinkWatch(String notifyUrl, DispatchClient dispatcher, LocalDate today, ZoneId zone, PrintStream out) {
        this.notify = new HttpApi(HttpClient.newHttpClient(), notifyUrl);
        this.dispatcher = dispatcher;
        this.today = today;
        this.zone = zone;
        this.out = out;
    }

    /** Whether the message is about one of today's appointments (history days have texts with links too). */
    private boolean today(JsonNode message) {
        String id = message.path("appointmentId").asText("");
        if (id.isEmpty()) {
            return false;
        }
        JsonNode contact = notify.call("GET", "/api/appointments/" + id + "/contact", null, dispatcher.bearer(),
                Set.of(200, 404)).body();
        String start = contact.path("windowStart").asText("");
        return !start.isEmpty() && LocalDate.ofInstant(Instant.parse(start), zone).equals(today);
    }

    void start() {
        thread = Thread.ofVirtual().name("tracking-link-watch").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (JsonNode m : notify.call("GET", "/api/outbox?limit=50", null, dispatcher.bearer(),
                            Set.of(200)).body()) {
                        Matcher link = LINK.matcher(m.path("body").asText(""));
                        if (link.find() && today(m)) {
                            out.println("  customer tracking page: " + link.group() + "  (" + m.path("recipient")
                                    .asText() + ", " + m.path("kind").asText().toLowerCase(Locale.ROOT) + ")");
                            return;
                        }
                    }
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // notify busy or restarting: look again later
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
