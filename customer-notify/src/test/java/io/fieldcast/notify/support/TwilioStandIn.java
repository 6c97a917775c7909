package io.fieldcast.notify.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local Twilio-compatible REST API: records every request, keeps every message it accepted (the carrier's log,
 * where tests count duplicates), lists them like Twilio's {@code GET …/Messages.json?To=…}, and can fail the next N
 * sends with 500.
 */
public final class TwilioStandIn {

    /** One recorded POST: path, Authorization header, decoded form. */
    public record Request(String path, String authorization, Map<String, String> form) {
    }

    private static TwilioStandIn instance;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger sids = new AtomicInteger();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    /** A message the carrier took. */
    public record Accepted(String sid, String to, String body, Instant at) {
    }

    private TwilioStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if ("GET".equals(exchange.getRequestMethod())) {
                list(exchange);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), decode(body)));
            boolean fail = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            String sid = "SM" + sids.incrementAndGet();
            if (!fail) {
                Map<String, String> form = decode(body);
                accepted.add(new Accepted(sid, form.get("To"), form.get("Body"), Instant.now()));
            }
            byte[] answer = (fail ? "{\"code\":20500,\"message\":\"stand-in failure\"}"
                    : "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 500 : 201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public static synchronized TwilioStandIn get() {
        if (instance == null) {
            try {
                instance = new TwilioStandIn();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void failNext(int n) {
        failNext.set(n);
    }

    /** What the carrier accepted for {@code phone}: a text delivered twice is here twice. */
    public List<Accepted> acceptedTo(String phone) {
        return accepted.stream().filter(a -> phone.equals(a.to())).toList();
    }

    /** Accepts a message as if a sender had posted it (one that then crashed before recording it). */
    public String accept(String to, String body) {
        String sid = "SM" + sids.incrementAndGet();
        accepted.add(new Accepted(sid, to, body, Instant.now()));
        return sid;
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = decode(String.valueOf(exchange.getRequestURI().getRawQuery()));
        String to = query.get("To");
        String messages = accepted.stream().filter(a -> to == null || to.equals(a.to()))
                .map(a -> "{\"sid\":\"" + a.sid() + "\",\"to\":\"" + json(a.to()) + "\",\"body\":\""
                        + json(a.body()) + "\",\"status\":\"sent\",\"date_created\":\""
                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(a.at().atZone(ZoneOffset.UTC)) + "\"}")
                .collect(Collectors.joining(","));
        byte[] answer = ("{\"messages\":[" + messages + "]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static String json(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    public List<Request> requestsTo(String phone) {
        return requests.stream().filter(r -> phone.equals(r.form().get("To"))).toList();
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
