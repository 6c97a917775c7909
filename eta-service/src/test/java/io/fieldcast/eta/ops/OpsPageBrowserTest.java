package io.fieldcast.eta.ops;

import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.Screenshots;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations page in headless Chromium, signed in through the console's one session ({@code localStorage
 * fieldcast.session}): a range, then one territory, the charts drawn, a table's CSV downloaded; no serious or critical
 * axe-core violation at any step. Skipped where Chromium (or axe-core) is not installed.
 */
@QuarkusTest
class OpsPageBrowserTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @TestHTTPResource("/ops/")
    URI page;

    private ChromiumSession chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path downloads;

    @BeforeEach
    void open() throws IOException {
        chromium = ChromiumSession.start("--window-size=1280,1000");
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        downloads = Files.createTempDirectory("ops-csv");
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
    }

    @AfterEach
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void rangeTerritoryChartsAndCsvDownload() throws Exception {
        OpsScenario s = new OpsScenario();
        s.publish(publisher);
        s.awaitApplied(tokens.forUser("ada", Set.of(Roles.ADMIN)).token());
        String dispatcher = tokens.forUser("dana", Set.of(Roles.DISPATCHER), List.of(s.territoryA, s.territoryB))
                .token();

        // Signed in on the console: the one session of the origin.
        browser.get(page.toString());
        browser.executeScript("localStorage.setItem('fieldcast.session', JSON.stringify({token: arguments[0], "
                + "username: 'dana', roles: ['dispatcher']}))", dispatcher);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("from")));
        setDate("from", s.day.minusDays(1).toString());
        setDate("to", s.day.toString());
        browser.findElement(By.cssSelector("#range-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("source")).getText().contains(s.day.toString()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#heatmap svg rect")));
        for (String chart : List.of("trend", "bookings", "funnel", "by-technician", "heatmap")) {
            assertEquals(chart + "-caption", browser.findElement(By.cssSelector("#" + chart + " svg"))
                    .getAttribute("aria-labelledby"), chart + " is drawn and named by its caption");
        }
        assertEquals(2, browser.findElements(By.cssSelector("#territories-table tbody tr")).size(), "A and B");
        assertAccessible("the range of both territories", "ops-1-overview");

        new Select(browser.findElement(By.id("territory"))).selectByValue(s.territoryA);
        browser.findElement(By.cssSelector("#range-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("source")).getText().contains("territory " + s.territoryA));
        assertEquals(1, browser.findElements(By.cssSelector("#territories-table tbody tr")).size());
        assertTrue(browser.findElement(By.id("technicians-table")).getText().contains(s.tech));
        assertTrue(browser.findElement(By.id("headline")).getText().contains("25.0 %"),
                "utilization 120 / 480: " + browser.findElement(By.id("headline")).getText());
        assertAccessible("one territory", "ops-2-one-territory");

        browser.findElement(By.cssSelector("button.csv[data-table=technicians]")).click();
        wait.until(d -> d.findElement(By.id("csv-status")).getText().startsWith("downloaded"));
        Path csv = awaitDownload("ops-technicians-" + s.day.minusDays(1) + "-" + s.day + "-" + s.territoryA + ".csv");
        String text = Files.readString(csv);
        assertTrue(text.startsWith("technician,territory,"), text);
        assertTrue(text.contains(s.tech + "," + s.territoryA + ",1,2,120,480,0.25,"), text);
        assertAccessible("after a CSV download", "ops-3-csv-downloaded");
    }

    private Path awaitDownload(String name) throws InterruptedException, IOException {
        Path file = downloads.resolve(name);
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        try (Stream<Path> files = Files.list(downloads)) {
            assertTrue(Files.exists(file), "downloaded " + files.toList());
        }
        return file;
    }

    private void setDate(String id, String date) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), date);
    }

    private void assertAccessible(String where, String screenshot) {
        Screenshots.save(browser, screenshot);
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
    }
}
