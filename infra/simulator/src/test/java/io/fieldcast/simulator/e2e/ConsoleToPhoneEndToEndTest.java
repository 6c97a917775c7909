package io.fieldcast.simulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldcast.platform.time.SharedClock;
import io.fieldcast.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end through two browsers' worth of pages in one headless Chromium: the dispatcher console (packaged
 * dispatch-service) books a visit, solves, drags it to another technician and publishes; then that technician's
 * phone app (packaged tech-mobile-api) shows it on today's route. Both services run on one shared clock set to a
 * weekday morning, so "today" is a working day whatever the wall clock says. Chromium is driven through the
 * DevTools protocol directly (this module has no Selenium). Skipped without Chromium or the packaged jars.
 */
class ConsoleToPhoneEndToEndTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path OUT = Path.of("target", "e2e-console");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String SECRET = "console-secret";

    static ServiceJar dispatch;
    static ServiceJar mobile;
    static LocalDate day;

    @BeforeAll
    static void startServices() throws Exception {
        Chromium.assumeInstalled();
        for (String module : List.of("dispatch-service", "tech-mobile-api")) {
            assumeTrue(Files.exists(ServiceJar.jar(REPO, module)), module + " is not packaged (target/quarkus-app); "
                    + "build it with ./mvnw -pl " + module + " -am package -DskipTests to run this test");
        }
        // 06:30 in New York on a weekday a few days ahead, running at wall speed.
        day = LocalDate.now(NEW_YORK).plusDays(3);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        Files.createDirectories(OUT);
        Path clockFile = OUT.resolve("clock").toAbsolutePath();
        SharedClock.write(clockFile, day.atTime(LocalTime.of(6, 30)).atZone(NEW_YORK).toInstant(), 1.0,
                Clock.systemUTC());

        Map<String, String> env = TestRuntimeEnv.withFreshDatabase("console");
        env.put("FIELDCAST_CLOCK_FILE", clockFile.toString());

        Map<String, String> dispatchEnv = new HashMap<>(env);
        dispatchEnv.put("FIELDCAST_SEED_USERS", "root:secret:admin+dispatcher");
        dispatchEnv.put("FIELDCAST_SEED_COMPANY", "classpath:seed/demo-company.json");
        Map<String, String> mobileEnv = new HashMap<>(env);
        mobileEnv.put("FIELDCAST_MOBILE_ZONE", NEW_YORK.getId());
        mobileEnv.put("FIELDCAST_SEED_DEVICES", IntStream.rangeClosed(1, 30)
                .mapToObj(i -> String.format("tech-%02d:%s", i, SECRET)).collect(Collectors.joining(",")));

        dispatch = new ServiceJar(REPO, "dispatch-service", "FIELDCAST_DISPATCH_PORT", dispatchEnv,
                OUT.resolve("dispatch.log"));
        mobile = new ServiceJar(REPO, "tech-mobile-api", "FIELDCAST_MOBILE_PORT", mobileEnv,
                OUT.resolve("mobile.log"));
        dispatch.awaitReady(Duration.ofMinutes(4));
        mobile.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (dispatch != null) {
            dispatch.close();
        }
        if (mobile != null) {
            mobile.close();
        }
    }

    @Test
    void visitDraggedInTheConsoleShowsOnTheNewTechniciansPhone() throws Exception {
        try (DevToolsBrowser browser = DevToolsBrowser.start(OUT.resolve("chromium"))) {
            browser.open(dispatch.url() + "/");
            browser.waitFor("document.getElementById('login-user') && !document.getElementById('login').hidden");
            browser.eval("document.getElementById('login-user').value = 'root';"
                    + "document.getElementById('login-password').value = 'secret';"
                    + "document.getElementById('login-submit').click()");
            // The date defaults to today by the server's (shared) clock.
            browser.waitFor("document.getElementById('date').value === '" + day + "'");
            browser.waitFor("document.querySelectorAll('.tl-row').length > 1");

            // The customer lives next to tech-05's home, on a residential street of the demo map.
            JsonNode home = browser.eval("Api.get('/api/technicians/tech-05')");
            browser.eval("""
                    const set = (id, v) => document.getElementById(id).value = v;
                    set('b-name', 'Ana Lima'); set('b-phone', '+12125550188'); set('b-address', '7 Birch Lane');
                    set('b-lat', %s); set('b-lon', %s); set('b-date', '%s'); set('b-days', 1);
                    document.getElementById('b-job').value = 'REPAIR';
                    document.querySelector("[data-testid='b-find']").click()"""
                    .formatted(home.path("homeLat").asDouble(), home.path("homeLon").asDouble(), day));
            browser.waitFor("document.querySelector(\"[data-testid='slot-book']\")");
            browser.eval("document.querySelector(\"[data-testid='slot-book']\").click()");
            browser.waitFor("document.getElementById('booking').getAttribute('data-booked')");
            String booked = browser.eval("document.getElementById('booking').getAttribute('data-booked')").asText();

            browser.eval("document.getElementById('solve-seconds').value = 2;"
                    + "document.getElementById('solve').click()");
            browser.waitFor("document.getElementById('progress').getAttribute('data-solves') === '1'"
                    + " && document.getElementById('progress').getAttribute('data-status') === 'SOLVED'");
            String block = ".tl-visit[data-appointment='" + booked + "']";
            browser.waitFor("document.querySelector(\"" + block + "\")");
            String from = browser.eval("document.querySelector(\"" + block + "\").closest('.tl-row')"
                    + ".getAttribute('data-technician')").asText();
            // The next row (or the previous one for the last): both on screen together.
            String to = browser.eval("""
                    (() => { const row = document.querySelector("%s").closest('.tl-row');
                             const other = row.nextElementSibling?.classList.contains('tl-row')
                                 ? row.nextElementSibling : row.previousElementSibling;
                             other.scrollIntoView({block: 'center'});
                             return other.getAttribute('data-technician'); })()""".formatted(block)).asText();

            JsonNode start = browser.center(block);
            JsonNode target = browser.eval("""
                    (() => { const r = document.querySelector(".tl-row[data-technician='%s'] .tl-track")
                                 .getBoundingClientRect();
                             return {x: r.left + 5, y: r.top + r.height / 2}; })()""".formatted(to));
            browser.drag(start.path("x").asDouble(), start.path("y").asDouble(), target.path("x").asDouble(),
                    target.path("y").asDouble());
            browser.waitFor("document.getElementById('progress').getAttribute('data-solves') === '2'"
                    + " && document.getElementById('progress').getAttribute('data-status') === 'SOLVED'"
                    + " && document.querySelector(\".tl-row[data-technician='" + to + "'] " + block + "\")");
            browser.eval("document.getElementById('publish').click()");
            browser.waitFor("document.getElementById('plan-message').textContent.includes('Published')");
            browser.screenshot(OUT.resolve("console.png"));

            // The phone of the technician it was dragged to.
            browser.open(mobile.url() + "/app/");
            browser.waitFor("document.getElementById('login-tech')");
            browser.eval("document.getElementById('login-tech').value = '" + to + "';"
                    + "document.getElementById('login-secret').value = '" + SECRET + "';"
                    + "document.getElementById('login-submit').click()");
            browser.waitFor("document.querySelector(\"#visits li.visit[data-appointment='" + booked + "']\")");
            assertEquals(1, browser.eval("document.querySelectorAll('#visits li.visit').length").asInt(),
                    "moved from " + from + " to " + to + ": the only visit of the day");
            browser.screenshot(OUT.resolve("phone.png"));
        }
    }

    /** Just enough of the Chrome DevTools protocol: open a page, evaluate JavaScript, move the mouse. */
    static final class DevToolsBrowser implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Duration WAIT = Duration.ofSeconds(60);

        private final Process process;
        private final Path profile;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        private DevToolsBrowser(Process process, Path profile, WebSocket socket) {
            this.process = process;
            this.profile = profile;
            this.socket = socket;
        }

        static DevToolsBrowser start(Path profile) throws Exception {
            Chromium.deleteProfile(profile);
            Files.createDirectories(profile);
            List<String> command = new ArrayList<>(List.of(Chromium.BINARY.toString()));
            command.addAll(Chromium.headlessArguments(profile, "--window-size=1600,1200",
                    "--remote-debugging-port=0", "about:blank"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
            Path portFile = profile.resolve("DevToolsActivePort");
            long until = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (System.nanoTime() > until || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IllegalStateException("chromium did not open its DevTools port");
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().trim());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                process.destroyForcibly();
                throw new IllegalStateException("no page target in " + targets);
            }
            DevToolsBrowser[] self = new DevToolsBrowser[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        self[0].received(text.toString());
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new DevToolsBrowser(process, profile, socket);
            return self[0];
        }

        private void received(String message) {
            try {
                JsonNode node = JSON.readTree(message);
                CompletableFuture<JsonNode> answer = node.has("id") ? pending.remove(node.get("id").asInt()) : null;
                if (answer != null) {
                    answer.complete(node);
                }
            } catch (IOException e) {
                // not for us
            }
        }

        JsonNode send(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", JSON.valueToTree(params));
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        }

        void open(String url) throws Exception {
            send("Page.navigate", Map.of("url", url));
            waitFor("document.readyState === 'complete' && location.href.startsWith('" + url + "')");
        }

        /** The value of {@code expression} (awaited when a promise); a thrown error fails the test. */
        JsonNode eval(String expression) throws Exception {
            JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                    "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("page error in " + expression + ": " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        void waitFor(String condition) throws Exception {
            long until = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < until) {
                JsonNode value = send("Runtime.evaluate", Map.of("expression", "!!(" + condition + ")",
                        "returnByValue", true)).path("result").path("value");
                if (value.asBoolean(false)) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("never true: " + condition + "\npage: " + eval("document.body.innerText"));
        }

        /** A PNG of the page as it is now, for people to look at after a run. */
        void screenshot(Path file) throws Exception {
            String png = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
            Files.write(file, Base64.getDecoder().decode(png));
        }

        JsonNode center(String selector) throws Exception {
            return eval("""
                    (() => { const e = document.querySelector("%s"); e.scrollIntoView({block: 'center'});
                             const r = e.getBoundingClientRect();
                             return {x: r.left + Math.min(8, r.width / 2), y: r.top + r.height / 2}; })()"""
                    .formatted(selector));
        }

        /** Presses the left button at (x0, y0), moves in steps to (x1, y1) and lets go: real pointer events. */
        void drag(double x0, double y0, double x1, double y1) throws Exception {
            mouse("mousePressed", x0, y0, 1);
            for (int i = 1; i <= 10; i++) {
                mouse("mouseMoved", x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10, 1);
                Thread.sleep(20);
            }
            mouse("mouseReleased", x1, y1, 0);
        }

        private void mouse(String type, double x, double y, int buttons) throws Exception {
            Map<String, Object> params = new HashMap<>(Map.of("type", type, "x", x, "y", y, "buttons", buttons));
            if (!type.equals("mouseMoved")) {
                params.put("button", "left");
                params.put("clickCount", 1);
            } else {
                params.put("button", buttons == 1 ? "left" : "none");
            }
            send("Input.dispatchMouseEvent", params);
        }

        @Override
        public void close() throws Exception {
            socket.abort();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Chromium.deleteProfile(profile);
        }
    }
}
