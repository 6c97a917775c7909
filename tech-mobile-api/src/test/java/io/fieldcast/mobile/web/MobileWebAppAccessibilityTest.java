package io.fieldcast.mobile.web;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone app's states on a phone-sized headless Chromium (390 × 844), each checked with axe-core (WCAG 2.1 A/AA:
 * no serious or critical violation) and kept as a screenshot in {@code target/screenshots/}: sign-in, a refused
 * sign-in, the route list, a visit tapped offline and waiting to be sent (on site, with its time-left buttons), the
 * platform's question of the time left on that visit, the "can't complete" dialog, the map; and the same app in Spanish, from the phone's language and from its switch.
 * Skipped where Chromium (or axe-core, for the checks) is not installed.
 */
@QuarkusTest
class MobileWebAppAccessibilityTest {

    @TestHTTPResource("/app/")
    URL app;
    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;

    private ChromiumSession chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    /**
     * A browser with a phone's viewport, 390 × 844 CSS pixels: a desktop window cannot be made narrower than about
     * 500 px, so the width is the device emulation's, as a phone reports it.
     */
    private void open(String... arguments) {
        chromium = ChromiumSession.start(arguments);
        browser = chromium.driver();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** tech-4 (seeded, secret 4444) gets a route of three visits for today; the first customer was told a window. */
    private RoutePlanned routeFor(String technician) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RoutePlanned route = Fixtures.route(technician, today, System.currentTimeMillis(), 3);
        String token = tokens.forTechnician(technician, "setup").token();
        Fixtures.publishAndAwait(publisher, token, route);
        Instant told = route.visits().getFirst().windowStart().plus(Duration.ofMinutes(30));
        Fixtures.tell(publisher, route.visits().getFirst().appointmentId(), technician, 1, told);
        Fixtures.awaitToldStart(token, today, 0, told.toString());
        return route;
    }

    @Test
    void everyStateOfTheAppIsAccessibleOnAPhone() throws Exception {
        RoutePlanned route = routeFor("tech-4");
        open("--lang=en-US");
        browser.get(app.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech")));
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Log in", browser.findElement(By.id("login-submit")).getText());
        assertEquals(390L, browser.executeScript("return window.innerWidth"));
        assertLandmarks();
        assertAccessible("sign-in", "app-1-sign-in");

        browser.findElement(By.id("login-tech")).sendKeys("tech-4");
        browser.findElement(By.id("login-secret")).sendKeys("0000");
        browser.findElement(By.id("login-submit")).click();
        wait.until(d -> !d.findElement(By.id("login-error")).getText().isBlank());
        assertAccessible("a refused sign-in", "app-2-sign-in-refused");

        browser.findElement(By.id("login-secret")).clear();
        browser.findElement(By.id("login-secret")).sendKeys("4444");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit"), 3));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit .told"), 1));
        assertLandmarks();
        assertAccessible("the route list", "app-3-route");

        // The first visit done, the second on its way: a done card must stay readable.
        UUID first = route.visits().get(0).appointmentId();
        UUID second = route.visits().get(1).appointmentId();
        for (String status : List.of("EN_ROUTE", "ARRIVED", "COMPLETED")) {
            tap(first, status);
        }
        tap(second, "EN_ROUTE");

        // Offline, a tap waits in the outbox: the header says so (offline, "1 waiting"), the card too.
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        wait.until(ExpectedConditions.textToBe(By.id("net"), "offline"));
        click(visitButton(second, "ARRIVED"));
        wait.until(ExpectedConditions.textToBe(By.id("pending"), "1 waiting"));
        browser.findElement(By.id("pending")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("pending"), "aria-expanded", "true"));
        assertTrue(card(second).getText().contains("(waiting to send)"), card(second).getText());
        // On site (as far as the phone knows): the time-left buttons are on the card and checked with it.
        assertEquals(6, card(second).findElements(By.cssSelector(".time-left button")).size());
        assertAccessible("a visit tapped offline", "app-4-visit-offline");
        // eta-service asks how long is left there; the route read after the tap is sent brings the question.
        TimeLeftAsked asked = Fixtures.ask("tech-4", second, Instant.now().minusSeconds(5));
        publisher.send(asked).get(10, TimeUnit.SECONDS);
        awaitStored(asked);
        browser.deleteNetworkConditions();
        wait.until(ExpectedConditions.textToBe(By.id("pending"), "0 waiting"));
        By ask = By.cssSelector("li.visit[data-appointment='" + second + "'] .time-left .ask");
        wait.until(ExpectedConditions.visibilityOfElementLocated(ask));
        assertAccessible("a question of the time left", "app-4b-time-left-asked");
        click(By.cssSelector("li.visit[data-appointment='" + second + "'] button[data-minutes='45']"));
        wait.until(ExpectedConditions.numberOfElementsToBe(ask, 0));
        wait.until(ExpectedConditions.textToBe(By.id("pending"), "0 waiting"));

        UUID third = route.visits().get(2).appointmentId();
        click(visitButton(third, "CANNOT_COMPLETE"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason")));
        assertAccessible("the can't-complete dialog", "app-5-cant-complete");
        browser.findElement(By.cssSelector("#reason-dialog button[value=cancel]")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reason")));

        click(By.id("tab-map"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map svg[role=img]")));
        assertEquals("true", browser.findElement(By.id("tab-map")).getAttribute("aria-pressed"));
        assertEquals("Map of today's route: 3 stops in driving order",
                browser.findElement(By.cssSelector("#map svg")).getAttribute("aria-label"));
        assertAccessible("the map", "app-6-map");
    }

    @Test
    void aSpanishPhoneGetsTheAppInSpanishAndItsSwitchTurnsItEnglish() throws Exception {
        routeFor("tech-5");
        open("--lang=es", "--accept-lang=es");
        browser.get(app.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech")));
        assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Iniciar sesión", browser.findElement(By.id("login-heading")).getText());
        assertEquals("Entrar", browser.findElement(By.id("login-submit")).getText());
        assertEquals("Id de técnico", browser.findElement(By.cssSelector("label[for=login-tech]")).getText());
        WebElement toggle = browser.findElement(By.id("lang"));
        assertEquals("English", toggle.getText());
        assertEquals("en", toggle.getAttribute("lang"), "the switch names the other language in that language");
        assertAccessible("sign-in in Spanish", "app-7-sign-in-es");

        browser.findElement(By.id("login-tech")).sendKeys("tech-5");
        browser.findElement(By.id("login-secret")).sendKeys("5555");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit"), 3));
        String list = browser.findElement(By.id("visits")).getText();
        assertTrue(list.contains("Voy de camino") && list.contains("Al cliente se le dijo")
                && list.contains("Planificada") && list.contains("Llamar"), list);
        assertEquals("Lista", browser.findElement(By.id("tab-list")).getText());
        assertEquals("0 pendientes", browser.findElement(By.id("pending")).getText());
        assertAccessible("the route list in Spanish", "app-8-route-es");

        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertEquals("List", browser.findElement(By.id("tab-list")).getText());
        assertTrue(browser.findElement(By.id("visits")).getText().contains("On my way"));
        assertEquals("Español", browser.findElement(By.id("lang")).getText());
        assertEquals("es", browser.findElement(By.id("lang")).getAttribute("lang"));
        // The choice is kept on the phone: a reload stays English although the phone speaks Spanish.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit"), 3));
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void langInTheAddressChoosesSpanishOnAnEnglishPhone() {
        open("--lang=en-US");
        browser.get(app.toString() + "?lang=es");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech")));
        assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Entrar", browser.findElement(By.id("login-submit")).getText());
        assertEquals("Fieldcast — mi día", browser.getTitle());
    }

    /** Waits until the service stored the ask, so the next read of the route has it. */
    private void awaitStored(TimeLeftAsked asked) throws SQLException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(
                    "select count(*) from time_left_ask where event_id = '" + asked.eventId() + "'")) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ask never reached the service");
    }

    private WebElement card(UUID appointment) {
        return browser.findElement(By.cssSelector("li.visit[data-appointment='" + appointment + "']"));
    }

    private By visitButton(UUID appointment, String status) {
        return By.cssSelector("li.visit[data-appointment='" + appointment + "'] button[data-status='" + status + "']");
    }

    /** Taps a status online and waits until the server's answer shows on the card. */
    private void tap(UUID appointment, String status) {
        click(visitButton(appointment, status));
        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector("li.visit[data-appointment='" + appointment + "']"), "data-status", status));
        wait.until(ExpectedConditions.textToBe(By.id("pending"), "0 waiting"));
    }

    /** Clicks what {@code by} finds, again if the list was redrawn under it (the route reloads after a send). */
    private void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = d.findElement(by);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            // Into the middle of the screen, clear of the sticky header, as a thumb would scroll it.
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            element.click();
            return true;
        });
    }

    /** A banner (the header) and one main region, and nothing shown outside a landmark. */
    private void assertLandmarks() {
        Object outside = ((JavascriptExecutor) browser).executeScript("""
                return [...document.body.children].filter(e => !['HEADER', 'MAIN', 'NAV', 'FOOTER', 'DIALOG',
                    'SCRIPT', 'TEMPLATE'].includes(e.tagName) && e.getClientRects().length > 0).map(e => e.outerHTML
                    .slice(0, 80));""");
        assertEquals(List.of(), outside, "content outside the landmarks");
        assertEquals(1, browser.findElements(By.cssSelector("body > main")).size());
        assertEquals(1, browser.findElements(By.cssSelector("body > header")).size());
    }

    private void assertAccessible(String where, String screenshot) throws IOException {
        Screenshots.save(browser, screenshot);
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
    }
}
