package io.fieldcast.mobile.web;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone app in a real headless Chromium: log in, see today's route, go offline, tap a status (or, on site, the
 * time left), come back online, and the change reaches Kafka exactly once. On site, the platform's question of the
 * time left shows until a tap answers it, offline too. Skipped where Chromium is not installed.
 */
@QuarkusTest
class MobileWebAppBrowserTest {

    private static final String ASKED = "Your next customer is waiting for a time. About how long is left here?";

    @TestHTTPResource("/app/")
    URL app;
    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    private ChromiumSession chromium;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = ChromiumSession.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void statusTappedOfflineReachesKafkaOnceWhenBackOnline() throws Exception {
        // tech-1 is a seeded device login (secret 1111); its route for today, newer than any other test's.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RoutePlanned route = Fixtures.route("tech-1", today, System.currentTimeMillis(), 3);
        Fixtures.publishAndAwait(publisher, tokens.forTechnician("tech-1", "setup").token(), route);
        UUID first = route.visits().getFirst().appointmentId();
        // The first customer was told a window; the others were not.
        Instant told = route.visits().getFirst().windowStart().plus(Duration.ofMinutes(30));
        Fixtures.tell(publisher, first, "tech-1", 1, told);
        Fixtures.awaitToldStart(tokens.forTechnician("tech-1", "setup").token(), today, 0, told.toString());

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(app.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech"))).sendKeys("tech-1");
        browser.findElement(By.id("login-secret")).sendKeys("1111");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit"), 3));
        assertTrue(browser.findElement(By.id("visits")).getText().contains("Customer 1"));
        // Dispatch numbers from 0; the technician reads 1, 2, 3. Each visit has a Call link next to Navigate.
        WebElement firstCard = browser.findElement(By.cssSelector("li.visit[data-appointment='" + first + "']"));
        assertEquals("1. Customer 1", firstCard.findElement(By.tagName("h2")).getText());
        assertEquals("tel:+31612345671",
                firstCard.findElement(By.cssSelector(".links a.call")).getAttribute("href"));
        String toldLine = firstCard.findElement(By.cssSelector(".told")).getText();
        assertTrue(toldLine.startsWith("Customer told ") && toldLine.contains("don't ring before"), toldLine);
        assertEquals(1, browser.findElements(By.cssSelector("#visits li.visit .told")).size());

        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.setNetworkConditions(offline);
            wait.until(ExpectedConditions.textToBe(By.id("net"), "offline"));

            By enRoute = By.cssSelector("li.visit[data-appointment='" + first + "'] button[data-status='EN_ROUTE']");
            browser.findElement(enRoute).click();
            wait.until(ExpectedConditions.textToBe(By.id("pending"), "1 waiting"));
            assertTrue(mine(probe.drain(Duration.ofSeconds(2)), first).isEmpty(), "nothing is sent while offline");

            browser.deleteNetworkConditions();
            // The app replays on the browser's "online" event, or at the latest on its 10-second retry.
            wait.until(ExpectedConditions.textToBe(By.id("pending"), "0 waiting"));

            probe.await(VisitStatusChanged.class, e -> e.appointmentId().equals(first), 1, Duration.ofSeconds(20));
            List<VisitStatusChanged> arrived = mine(probe.drain(Duration.ofSeconds(2)), first);
            assertEquals(1, arrived.size(), "exactly once: " + arrived);
            assertEquals(VisitStatus.EN_ROUTE, arrived.getFirst().status());
            assertEquals("tech-1", arrived.getFirst().technicianId());
        }
        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector("li.visit[data-appointment='" + first + "']"), "data-status", "EN_ROUTE"));
    }

    @Test
    void mapDrawsTheRoadsUnderTheRoute() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RoutePlanned route = Fixtures.route("tech-2", today, System.currentTimeMillis(), 3);
        Fixtures.publishAndAwait(publisher, tokens.forTechnician("tech-2", "setup").token(), route);

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(app.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech"))).sendKeys("tech-2");
        browser.findElement(By.id("login-secret")).sendKeys("2222");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#visits li.visit"), 3));
        browser.findElement(By.id("tab-map")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map svg path[data-kind='road']")));
        List<WebElement> paths = browser.findElements(By.cssSelector("#map svg path"));
        // Roads first (underneath), then the route line on top; the stops are labelled 1, 2, 3.
        assertEquals("road", paths.getFirst().getAttribute("data-kind"));
        assertEquals("route", paths.getLast().getAttribute("data-kind"));
        assertEquals(List.of("1", "2", "3"), browser.findElements(By.cssSelector("#map svg text")).stream()
                .map(WebElement::getText).toList());
    }

    @Test
    void timeLeftTappedOfflineOnSiteReachesKafkaOnceWhenBackOnline() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RoutePlanned route = Fixtures.route("tech-1", today, System.currentTimeMillis(), 2);
        String setup = tokens.forTechnician("tech-1", "setup").token();
        Fixtures.publishAndAwait(publisher, setup, route);
        UUID first = route.visits().getFirst().appointmentId();
        UUID second = route.visits().get(1).appointmentId();
        Fixtures.tap(setup, first, "EN_ROUTE", "ARRIVED");
        // eta-service asks how long is left on site: the card asks the technician until a tap answers it.
        Instant asked = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        publisher.send(Fixtures.ask("tech-1", first, asked)).get(10, TimeUnit.SECONDS);
        Fixtures.awaitVisitField(setup, today, 0, "timeLeftAskedAt", asked.toString());

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(app.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tech"))).sendKeys("tech-1");
        browser.findElement(By.id("login-secret")).sendKeys("1111");
        browser.findElement(By.id("login-submit")).click();
        String onSite = "li.visit[data-appointment='" + first + "'] .time-left";
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(onSite + " button"), 6));
        // Only the visit on site has the control; it is a named group of real buttons.
        assertEquals(0, browser.findElements(By.cssSelector("li.visit[data-appointment='" + second
                + "'] .time-left")).size());
        WebElement group = browser.findElement(By.cssSelector(onSite));
        assertEquals("group", group.getAttribute("role"));
        assertEquals("Time left", browser.findElement(By.id(group.getAttribute("aria-labelledby"))).getText());
        assertEquals(List.of("15 min", "30 min", "45 min", "60 min", "90 min", "120 min"),
                browser.findElements(By.cssSelector(onSite + " button")).stream().map(WebElement::getText).toList());
        By ask = By.cssSelector(onSite + " .ask");
        WebElement question = browser.findElement(ask);
        assertEquals(ASKED, question.getText());
        assertEquals(question.getAttribute("id"), group.getAttribute("aria-describedby"));
        // Said once by the page's polite live region, naming the visit.
        wait.until(ExpectedConditions.textToBe(By.id("announcer"), "1. Customer 1: " + ASKED));

        By said = By.cssSelector(onSite + " .said");
        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.setNetworkConditions(offline);
            wait.until(ExpectedConditions.textToBe(By.id("net"), "offline"));

            click(wait, By.cssSelector(onSite + " button[data-minutes='30']"));
            wait.until(ExpectedConditions.textToBe(By.id("pending"), "1 waiting"));
            // Answered on the phone at once, though the word still waits to be sent.
            assertEquals(0, browser.findElements(ask).size());
            String queued = browser.findElement(said).getText();
            assertTrue(queued.startsWith("About 30 min left, said at ") && queued.endsWith("(waiting to send)"),
                    queued);
            assertTrue(timeLeft(probe.drain(Duration.ofSeconds(2)), first).isEmpty(), "nothing is sent while offline");

            browser.deleteNetworkConditions();
            wait.until(ExpectedConditions.textToBe(By.id("pending"), "0 waiting"));

            probe.await(JobTimeLeft.class, e -> e.appointmentId().equals(first), 1, Duration.ofSeconds(20));
            List<JobTimeLeft> told = timeLeft(probe.drain(Duration.ofSeconds(2)), first);
            assertEquals(1, told.size(), "exactly once: " + told);
            assertEquals(30, told.getFirst().minutesLeft());
            assertEquals("tech-1", told.getFirst().technicianId());
        }
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(said).getText();
            return text.startsWith("About 30 min left, said at ") && !text.contains("waiting") ? text : null;
        });
        // The route read again after the send: the server has the answer too, so the question stays away.
        assertEquals(0, browser.findElements(ask).size());
        Fixtures.awaitVisitField(setup, today, 0, "timeLeftAskedAt", null);
    }

    /** Clicks what {@code by} finds, again if the list was redrawn under it (the route reloads after a send). */
    private static void click(WebDriverWait wait, By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static List<JobTimeLeft> timeLeft(List<FieldcastEvent> events, UUID appointment) {
        return events.stream().filter(e -> e instanceof JobTimeLeft t && t.appointmentId().equals(appointment))
                .map(JobTimeLeft.class::cast).toList();
    }

    private static List<VisitStatusChanged> mine(List<FieldcastEvent> events, UUID appointment) {
        return events.stream().filter(e -> e instanceof VisitStatusChanged v && v.appointmentId().equals(appointment))
                .map(VisitStatusChanged.class::cast).toList();
    }
}
