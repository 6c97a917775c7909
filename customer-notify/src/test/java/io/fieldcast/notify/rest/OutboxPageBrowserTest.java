package io.fieldcast.notify.rest;

import io.fieldcast.notify.support.Notifications;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.notify.support.Notifications.booking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's outbox page in headless Chromium: signed out, a refused log-in, and a token pasted with the
 * messages listed; every form field labelled, and no serious or critical axe-core violation (WCAG 2.1 A/AA) in any
 * of them. Screenshots go to {@code target/screenshots/}. Skipped where Chromium (or axe-core) is not installed.
 */
@QuarkusTest
class OutboxPageBrowserTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    @Inject
    Notifications notifications;
    @Inject
    TokenIssuer tokens;
    @Inject
    TestClock clock;
    @TestHTTPResource("/outbox")
    URI page;

    private ChromiumSession chromium;
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void signedOutRefusedAndListingAreAccessibleAndEveryFieldIsLabelled() throws IOException {
        clock.set(MORNING);
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, MORNING, Instant.parse("2026-03-02T19:00:00Z"), "+12125550960",
                null, "en"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");

        chromium = ChromiumSession.start("--window-size=1280,900");
        browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(page.toString());
        wait.until(ExpectedConditions.textToBe(By.id("status"), "no token yet"));
        for (WebElement field : browser.findElements(By.cssSelector("input, select, textarea"))) {
            List<WebElement> labels = browser.findElements(By.cssSelector("label[for='" + field.getAttribute("id")
                    + "']"));
            assertEquals(1, labels.size(), "one label for #" + field.getAttribute("id"));
            assertFalse(labels.getFirst().getText().isBlank(), "#" + field.getAttribute("id"));
        }
        assertEquals("Or a dispatcher token",
                browser.findElement(By.cssSelector("label[for=token]")).getText());
        assertEquals(1, browser.findElements(By.cssSelector("body > main")).size());
        assertEquals(1, browser.findElements(By.cssSelector("body > header")).size());
        assertAccessible("the signed-out page", "outbox-1-signed-out");

        // Nothing listens on port 9: the log-in cannot reach dispatch-service, and the page says so.
        WebElement url = browser.findElement(By.id("dispatch-url"));
        url.clear();
        url.sendKeys("http://127.0.0.1:9");
        browser.findElement(By.id("user")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys("not-a-password");
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(d -> d.findElement(By.id("login-error")).getText().contains("did not answer"));
        assertAccessible("a log-in that did not go through", "outbox-2-log-in-failed");

        browser.findElement(By.id("token")).sendKeys(tokens.forUser("dana", Set.of(Roles.ADMIN)).token());
        browser.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("rows")).getText().contains(appointment.toString()));
        assertTrue(browser.findElement(By.id("status")).getText().startsWith("updated "));
        assertEquals(page.toString(), browser.getCurrentUrl(), "using the token does not reload the page");
        assertAccessible("the messages listed", "outbox-3-messages");
    }

    private void assertAccessible(String where, String screenshot) throws IOException {
        Screenshots.save(browser, screenshot);
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
        assertTrue(((JavascriptExecutor) browser).executeScript("return document.documentElement.lang")
                .equals("en"));
    }
}
