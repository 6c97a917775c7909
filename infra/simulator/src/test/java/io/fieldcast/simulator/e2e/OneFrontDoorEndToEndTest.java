package io.fieldcast.simulator.e2e;

import io.fieldcast.gateway.Gateway;
import io.fieldcast.gateway.Routes;
import io.fieldcast.simulator.e2e.ConsoleToPhoneEndToEndTest.DevToolsBrowser;
import io.fieldcast.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The four packaged services behind the gateway, as a person reaches them: one address, one sign-in. Signed in on
 * the console, the forecast report and the text outbox open without asking again; the phone app, the booking page and
 * a forged tracking link answer from the same origin; signing out on the console ends the session on the report too.
 * Skipped without Chromium or the packaged jars.
 */
class OneFrontDoorEndToEndTest {

    static final Path REPO = ConsoleToPhoneEndToEndTest.REPO;
    static final Path OUT = Path.of("target", "e2e-front-door");
    static final List<String> MODULES = List.of("dispatch-service", "eta-service", "tech-mobile-api",
            "customer-notify");

    static final Map<String, ServiceJar> services = new HashMap<>();
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        for (String module : MODULES) {
            assumeTrue(Files.exists(ServiceJar.jar(REPO, module)), module + " is not packaged (target/quarkus-app); "
                    + "build it with ./mvnw -pl " + module + " -am package -DskipTests to run this test");
        }
        Files.createDirectories(OUT);
        Map<String, String> env = TestRuntimeEnv.withFreshDatabase("door");
        Map<String, String> dispatchEnv = new HashMap<>(env);
        dispatchEnv.put("FIELDCAST_SEED_USERS", "root:door-secret:admin+dispatcher");
        services.put(Routes.DISPATCH, new ServiceJar(REPO, "dispatch-service", "FIELDCAST_DISPATCH_PORT", dispatchEnv,
                OUT.resolve("dispatch.log")));
        // The first service imports the road graph into the shared cache; the others open it once it is there.
        services.get(Routes.DISPATCH).awaitReady(Duration.ofMinutes(4));
        services.put(Routes.ETA, new ServiceJar(REPO, "eta-service", "FIELDCAST_ETA_PORT", env,
                OUT.resolve("eta.log")));
        services.put(Routes.MOBILE, new ServiceJar(REPO, "tech-mobile-api", "FIELDCAST_MOBILE_PORT", env,
                OUT.resolve("mobile.log")));
        services.put(Routes.NOTIFY, new ServiceJar(REPO, "customer-notify", "FIELDCAST_NOTIFY_PORT", env,
                OUT.resolve("notify.log")));
        Map<String, URI> addresses = new HashMap<>();
        for (var service : services.entrySet()) {
            service.getValue().awaitReady(Duration.ofMinutes(4));
            addresses.put(service.getKey(), URI.create(service.getValue().url()));
        }
        gateway = Gateway.start(0, addresses);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (ServiceJar service : services.values()) {
            service.close();
        }
    }

    @Test
    void oneSignInOpensTheConsoleTheReportAndTheOutboxAndOneSignOutEndsIt() throws Exception {
        String door = "http://localhost:" + gateway.port();
        try (DevToolsBrowser browser = DevToolsBrowser.start(OUT.resolve("chromium"))) {
            browser.open(door + "/");
            browser.waitFor("document.getElementById('login-user') && !document.getElementById('login').hidden");
            browser.eval("document.getElementById('login-user').value = 'root';"
                    + "document.getElementById('login-password').value = 'door-secret';"
                    + "document.getElementById('login-submit').click()");
            browser.waitFor("!document.getElementById('app').hidden");
            browser.screenshot(OUT.resolve("console.png"));

            // The report: no sign-in asked, the figures are asked for with the console's session.
            browser.open(door + "/report");
            browser.waitFor("document.getElementById('auth-view') && document.getElementById('auth-view').hidden"
                    + " && !document.getElementById('range-view').hidden");
            browser.screenshot(OUT.resolve("report.png"));

            // The outbox: the list is loaded with the same session.
            browser.open(door + "/outbox");
            browser.waitFor("document.getElementById('status') && document.getElementById('status').textContent"
                    + ".startsWith('updated')");
            browser.screenshot(OUT.resolve("outbox.png"));

            // The phone app and the customers' pages are on the same origin too.
            browser.open(door + "/app/");
            browser.waitFor("document.querySelector('main') !== null");
            browser.open(door + "/book/");
            browser.waitFor("document.getElementById('jobs') !== null && document.title.startsWith('Book')");
            browser.open(door + "/t/forged-link");
            browser.waitFor("document.body && document.body.textContent.length > 0");
            assertTrue(browser.eval("document.body.textContent").asText().toLowerCase().contains("not found")
                    || browser.eval("document.documentElement.lang").asText().equals("es"));

            // Signing out on the console ends the session on the report as well.
            browser.open(door + "/console/");
            browser.waitFor("!document.getElementById('app').hidden");
            browser.eval("document.getElementById('logout').click()");
            browser.waitFor("!document.getElementById('login').hidden");
            browser.open(door + "/report");
            browser.waitFor("document.getElementById('auth-view') && !document.getElementById('auth-view').hidden");
            assertEquals("", browser.eval("localStorage.getItem('fieldcast.session') || ''").asText());
        }
    }
}
