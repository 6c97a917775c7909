package io.fieldcast.notify.tracking;

import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.forecast;
import static io.fieldcast.notify.support.Notifications.route;
import static io.fieldcast.notify.support.Notifications.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracking page on phones in headless Chromium: no horizontal overflow and no text cut off from 320 to 430 px,
 * no serious or critical axe-core violation (WCAG 2.1 A/AA) before and while the technician is on the way, and the
 * page in Spanish for a Spanish customer (or browser), with a switch to English. Screenshots go to
 * {@code target/screenshots/}. Skipped where Chromium (or axe-core, for the checks) is not installed.
 */
@QuarkusTest
class TrackingAccessibilityTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");
    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    TrackingLinks links;
    @TestHTTPResource("/")
    URI base;

    private ChromiumSession chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void setClock() {
        clock.set(MORNING);
    }

    private void open(String... arguments) {
        chromium = ChromiumSession.start(arguments);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * A booked appointment narrowed to 15:00–16:00 New York time, Ana its technician; a link to it. The home is in the
     * tests' road network (a 6 km synthetic city around 45, -30), so the map has streets.
     */
    private UUID narrowed(String technician, String phone, String language) {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, phone, null, language,
                new GeoPosition(45.01, -29.99)));
        Instant narrowed = PROMISED.plus(Duration.ofHours(1));
        notifications.publish(route(technician, "Ana", appointment, narrowed, MORNING));
        notifications.publish(forecast(appointment, technician, 1, narrowed, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        return appointment;
    }

    private String link(UUID appointment, int minutes) {
        // A token of its own per page load: the rate limit counts per token, and the test clock does not move.
        return base.resolve("/t/" + links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8))
                .plus(Duration.ofMinutes(minutes)))).toString();
    }

    @Test
    void fitsEveryPhoneWidthAndIsAccessibleBeforeAndWhileTheTechnicianIsOnTheWay() throws IOException {
        UUID appointment = narrowed("tech-40", "+12125550940", "en");
        open("--lang=en-US");
        int load = 0;
        for (int width : new int[] {320, 390, 430}) {
            phone(width);
            browser.get(link(appointment, load++));
            wait.until(d -> "Scheduled".equals(d.findElement(By.id("stage")).getText()));
            assertEquals(width, ((Number) js("return window.innerWidth")).intValue(), "the viewport is the phone's");
            assertFits("the scheduled visit at " + width + " px");
            // Before the technician sets off the page says why there is no map, in words on the page.
            assertEquals("The map appears when your technician is on the way.",
                    browser.findElement(By.id("map-note")).getText());
            assertFalse(browser.findElement(By.id("map")).isDisplayed(), "no empty map before there is a position");
            screenshot("track-scheduled-" + width);
        }
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertLandmarks();
        assertAccessible("the scheduled visit");

        notifications.publish(new LocationPing(Events.newId(), MORNING, 1, "tech-40", "p1", MORNING, MORNING,
                44.99, -30.01, 5, null, null));
        notifications.publish(status("tech-40", appointment, VisitStatus.EN_ROUTE, MORNING));
        notifications.awaitKind(appointment, "ON_THE_WAY", "SENT");
        for (int width : new int[] {320, 390}) {
            phone(width);
            browser.get(link(appointment, load++));
            wait.until(d -> "On the way".equals(d.findElement(By.id("stage")).getText()));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map")));
            wait.until(d -> d.findElement(By.id("seen")).getText().startsWith("· position at "));
            // The van's way to the home, along the streets: about 3 km across the test city's grid.
            wait.until(d -> d.findElement(By.id("away")).getText().matches("· \\d\\.\\d km to go"));
            double km = Double.parseDouble(browser.findElement(By.id("away")).getText().replaceAll("[^0-9.]", ""));
            assertTrue(km > 2.5 && km < 8, "by road, longer than the 2.8 km straight line: " + km);
            assertTrue(browser.findElement(By.className("legend")).getText().contains("Your address"));
            assertFalse(browser.findElement(By.id("map-note")).isDisplayed());
            assertFits("the technician on the way at " + width + " px");
            screenshot("track-en-route-" + width);
        }
        assertEquals("img", browser.findElement(By.id("map")).getAttribute("role"));
        assertAccessible("the technician on the way");
    }

    @Test
    void aSpanishCustomersPageIsInSpanishWithASwitchToEnglish() throws Exception {
        UUID appointment = narrowed("tech-41", "+12125550941", "es");
        open("--lang=en-US");
        phone(390);
        browser.get(link(appointment, 0));
        wait.until(d -> "Programada".equals(d.findElement(By.id("stage")).getText()));
        assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Su visita", browser.getTitle());
        String heading = browser.findElement(By.id("window")).getText();
        assertTrue(heading.startsWith("Su franja: lunes 2 marzo") && heading.contains("15:00"), heading);
        assertEquals("Técnico:", browser.findElement(By.id("technician-label")).getText());
        assertEquals("El mapa aparece cuando su técnico esté en camino.",
                browser.findElement(By.id("map-note")).getText());
        var toggle = browser.findElement(By.id("lang-switch"));
        assertEquals("English", toggle.getText());
        assertEquals("en", toggle.getAttribute("lang"));
        assertFits("the Spanish page");
        assertAccessible("the Spanish page");
        screenshot("track-es-390");

        toggle.click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        wait.until(d -> "Scheduled".equals(d.findElement(By.id("stage")).getText()));
        heading = browser.findElement(By.id("window")).getText();
        assertTrue(heading.startsWith("Your window: Monday 2 March"), heading);
        assertEquals("Español", browser.findElement(By.id("lang-switch")).getText());
        // The live updates (every 0.3 s in tests) come in the page's language too: the date stays English.
        Thread.sleep(1500);
        assertTrue(browser.findElement(By.id("date")).getText().startsWith("Monday"),
                browser.findElement(By.id("date")).getText());
    }

    @Test
    void aCustomerInALanguageThePageDoesNotSpeakGetsTheBrowsersLanguage() {
        UUID appointment = narrowed("tech-42", "+12125550942", "fr");
        open("--lang=es", "--accept-lang=es");
        phone(390);
        browser.get(link(appointment, 0));
        wait.until(d -> "Programada".equals(d.findElement(By.id("stage")).getText()));
        assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.id("window")).getText().startsWith("Su franja: lunes"));
    }

    @Test
    void acceptLanguageIsReadByWeightThenOrder() {
        assertEquals("es", TrackingResource.fromAcceptLanguage("fr-CA,fr;q=0.9,es-MX;q=0.8,en;q=0.7"));
        assertEquals("en", TrackingResource.fromAcceptLanguage("es;q=0.5, en-GB"));
        assertEquals("es", TrackingResource.fromAcceptLanguage("es-ES,en;q=0.9"));
        assertNull(TrackingResource.fromAcceptLanguage("fr, de;q=0.8, es;q=0"));
        assertNull(TrackingResource.fromAcceptLanguage(null));
    }

    /**
     * A phone's viewport, {@code width} CSS pixels wide: a desktop window cannot be made narrower than about 500 px,
     * so the width is the device emulation's, as a phone reports it.
     */
    private void phone(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * No horizontal overflow (scrollWidth within the viewport), and no element on the page, text or picture, that
     * reaches past its right edge or is clipped inside its own box.
     */
    private void assertFits(String where) {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        assertTrue(scrollWidth <= innerWidth, where + ": scrollWidth " + scrollWidth + " > " + innerWidth);
        Object outside = js("""
                return [...document.body.querySelectorAll('*')].filter(e => e.getClientRects().length > 0)
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                        || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                            && e.tagName !== 'CANVAS')
                    .map(e => e.tagName + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right));""");
        assertEquals(List.of(), outside, where + ": elements past the right edge");
    }

    /** A banner, one main region, and nothing shown outside a landmark. */
    private void assertLandmarks() {
        Object outside = js("""
                return [...document.body.children].filter(e => !['HEADER', 'MAIN', 'NAV', 'FOOTER', 'SCRIPT']
                    .includes(e.tagName) && e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80));""");
        assertEquals(List.of(), outside, "content outside the landmarks");
        assertEquals(1, browser.findElements(By.cssSelector("body > main")).size());
        assertEquals(1, browser.findElements(By.cssSelector("body > header")).size());
    }

    private void assertAccessible(String where) {
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
    }

    private void screenshot(String name) {
        Screenshots.save(browser, name);
    }
}
