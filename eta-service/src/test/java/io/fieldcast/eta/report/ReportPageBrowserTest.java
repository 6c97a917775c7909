package io.fieldcast.eta.report;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecast report page in headless Chromium: the sign-in (token and log-in forms, every field labelled), a
 * refused token, and a day's figures with their pictures; then the benchmark's self-contained copy opened from disk.
 * None may have a serious or critical axe-core violation (WCAG 2.1 A/AA). Screenshots go to
 * {@code target/screenshots/}. Skipped where Chromium (or axe-core) is not installed.
 */
@QuarkusTest
class ReportPageBrowserTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TokenIssuer tokens;
    @TestHTTPResource("/report")
    URI page;

    private LocalDate day;
    private ReportRows rows;
    private ChromiumSession chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        chromium = ChromiumSession.start("--window-size=1280,900");
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // A day of its own, far from the other tests' days.
        day = LocalDate.of(2041, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        rows = new ReportRows(dataSource, day);
    }

    @AfterEach
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void signInRefusedTokenAndFiguresAreAccessible() throws Exception {
        String tech = "tech-r-" + UUID.randomUUID().toString().substring(0, 6);
        // Two visits told an hour ahead (one hit, one missed), one told too late.
        UUID a = rows.visit(tech, 1);
        rows.firstWindow(a, tech, rows.at("07:30"), rows.at("09:00"), 0.92, rows.at("09:30"));
        rows.tap(a, tech, rows.at("09:40"));
        UUID b = rows.visit(tech, 2);
        rows.firstWindow(b, tech, rows.at("08:00"), rows.at("10:00"), 0.96, rows.at("10:20"));
        rows.tap(b, tech, rows.at("11:10"));
        UUID c = rows.visit(tech, 3);
        rows.firstWindow(c, tech, rows.at("11:15"), rows.at("12:00"), 0.91, rows.at("12:10"));
        rows.tap(c, tech, rows.at("12:00"));

        browser.get(page.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        browser.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        for (WebElement field : browser.findElements(By.cssSelector("input"))) {
            List<WebElement> labels = browser.findElements(By.cssSelector("label[for='" + field.getAttribute("id")
                    + "']"));
            assertEquals(1, labels.size(), "one label for #" + field.getAttribute("id"));
            assertFalse(labels.getFirst().getDomProperty("textContent").isBlank(), "#" + field.getAttribute("id"));
        }
        assertEquals("token-hint auth-error", browser.findElement(By.id("token")).getAttribute("aria-describedby"));
        assertEquals(1, browser.findElements(By.cssSelector("body > main")).size());
        assertEquals(1, browser.findElements(By.cssSelector("body > header")).size());
        assertAccessible("the sign-in", "report-1-sign-in");

        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#token-form button")).click();
        wait.until(d -> d.findElement(By.id("auth-error")).getText().contains("refused"));
        assertAccessible("a refused token", "report-2-token-refused");

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys("Bearer "
                + tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token());
        browser.findElement(By.cssSelector("#token-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("from")));
        setDate("from", day);
        setDate("to", day);
        browser.findElement(By.cssSelector("#range-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("source")).getText().contains(day.toString()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#by-technician svg")));
        assertTrue(browser.findElement(By.id("headline")).getText().contains("3"),
                browser.findElement(By.id("headline")).getText());
        assertEquals("by-hour-caption",
                browser.findElement(By.cssSelector("#by-hour svg")).getAttribute("aria-labelledby"));
        assertAccessible("the figures of a day", "report-3-figures");
    }

    @Test
    void theBenchmarksSelfContainedCopyIsAccessibleToo() throws Exception {
        Instant t9 = Instant.parse("2026-06-01T09:00:00Z");
        Outcome o = new Outcome(UUID.randomUUID(), "tech-1", t9.minus(Duration.ofMinutes(90)), t9,
                t9.plus(Duration.ofHours(1)), 0.93, t9.plus(Duration.ofMinutes(30)),
                t9.plus(Duration.ofMinutes(20)), "v1");
        EvaluationReport report = EvaluationReport.of("bench", null, null, t9, "v1", List.of(o), ZoneOffset.UTC,
                EvaluationReport.MIN_LEAD, List.of(new EvaluationReport.Figure("oracle hit rate", 0.93)));
        Path file = Path.of("target", "report-self-contained.html").toAbsolutePath();
        Files.writeString(file, ReportPage.selfContained(report));

        browser.get(file.toUri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#calibration svg")));
        assertAccessible("the self-contained report", "report-4-self-contained");
    }

    private void setDate(String id, LocalDate date) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), date.toString());
    }

    private void assertAccessible(String where, String screenshot) throws IOException {
        Screenshots.save(browser, screenshot);
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
    }
}
