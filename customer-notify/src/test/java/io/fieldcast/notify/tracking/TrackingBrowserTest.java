package io.fieldcast.notify.tracking;

import io.fieldcast.notify.support.Notifications;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.forecast;
import static io.fieldcast.notify.support.Notifications.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracking link as a customer opens it, in headless Chromium (skipped where Chromium is not installed). */
@QuarkusTest
class TrackingBrowserTest {

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
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        chromium = ChromiumSession.start();
        clock.set(MORNING);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void customerSeesWindowAndTechnicianAndAForgedLinkSeesNotFound() {
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, PROMISED, "+12125550500", null, "en"));
        Instant narrowed = PROMISED.plus(Duration.ofHours(1));
        notifications.publish(route("tech-20", "Ana", appointment, narrowed, MORNING));
        notifications.publish(forecast(appointment, "tech-20", 1, narrowed, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        String token = links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8)));

        browser.get(base.resolve("/t/" + token).toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("stage")).getText()
                .isBlank());
        // The route (who comes) and the forecast (the window texted) arrive on two topics: the text can be sent before
        // the route is read, and the page then says "Your technician" until it is. Reloaded until the name is there.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            if ("Ana".equals(d.findElement(By.id("technician")).getText())) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertEquals("Ana", browser.findElement(By.id("technician")).getText());
        String heading = browser.findElement(By.id("window")).getText();
        assertTrue(heading.contains("15:00") && heading.contains("16:00"), heading);
        assertEquals("Scheduled", browser.findElement(By.id("stage")).getText());

        browser.get(base.resolve("/t/" + token.substring(0, 10) + "forged").toString());
        assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
    }

    @Test
    void theManageLinkIsARealLinkInTheCustomersLanguage() throws InterruptedException {
        UUID appointment = UUID.randomUUID();
        var b = booking(appointment, MORNING, PROMISED, "+12125550921", null, "es");
        String url = "https://portal.example.test/m/browser";
        notifications.publish(new io.fieldcast.events.AppointmentBooked(b.eventId(), b.occurredAt(), 2, appointment,
                b.territoryId(), b.timeZone(), b.jobType(), b.customer(), b.address(), b.location(), b.windowStart(),
                b.windowEnd(), b.priority(), b.notes(), url, "portal"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        String token = links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8)));

        browser.get(base.resolve("/t/" + token).toString());
        // A Spanish customer's page is in Spanish.
        assertEquals("Programada", browser.findElement(By.id("stage")).getText());
        // The page's script ran (no inline script: CSP script-src 'self': it fetched the roads) and kept the link
        // after its updates (every 0.3 s in tests).
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.name.endsWith('/roads')).length")).intValue() == 1);
        Thread.sleep(1000);
        var link = browser.findElement(By.id("manage"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> link.isDisplayed());
        assertEquals("Cambiar o cancelar", link.getText());
        assertEquals(url, link.getAttribute("href"));
        assertEquals("a", link.getTagName());
    }
}
