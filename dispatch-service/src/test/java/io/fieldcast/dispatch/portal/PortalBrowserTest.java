package io.fieldcast.dispatch.portal;

import io.fieldcast.dispatch.rest.PortalResource;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.Topics;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The booking and manage pages as a customer uses them, in headless Chromium at a phone's size: book with intake
 * answers and a texted code, change the time and cancel from the manage link, take an earlier window from the waitlist;
 * each page state passes axe-core's WCAG 2.1 A/AA check with no serious or critical violation. Skipped where Chromium
 * (or axe-core, for the checks) is not installed.
 */
@QuarkusTest
class PortalBrowserTest {

    private static final String TUE_8 = "2026-03-03T08:00:00Z";
    private static final String TUE_12 = "2026-03-03T12:00:00Z";
    private static final String WED_8 = "2026-03-04T08:00:00Z";
    private static final String WED_12 = "2026-03-04T12:00:00Z";

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    Waitlist waitlist;
    @TestHTTPResource("/")
    URI base;

    private TestCompany f;
    private ChromiumSession chromium;
    private org.openqa.selenium.chrome.ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        chromium = ChromiumSession.start("--window-size=390,844");
        browser = chromium.driver();
        // A desktop window is never narrower than about 500 px: the phone's 390 × 844 is the device emulation's.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        clock.set(TestClock.MONDAY_6AM);
        f = companies.empty();
        f.jobTypes();
        PortalFixture.onlineJob(f.admin, "PORTAL_WEB", "Router fix", List.of(
                Map.of("id", "pets", "kind", "YES_NO", "label", Map.of("en", "Are there pets at home?",
                        "es", "¿Hay mascotas en casa?"), "required", true),
                Map.of("id", "pets_secured", "kind", "YES_NO", "label",
                        Map.of("en", "Can they be kept in another room?"), "required", true,
                        "showIf", Map.of("question", "pets", "equals", "yes"))));
        PortalFixture.morningFiller(f.admin, "WEB_BIG");
    }

    @AfterEach
    void close() {
        clock.set(TestClock.MONDAY_6AM);
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The first address the search finds for {@code street}, with a territory centred on it (so it is found). */
    private Map<String, Object> addressWithTerritory(String street, String territory, String shifts) {
        Map<String, Object> address = given().queryParam("q", street).get("/portal/api/addresses").then()
                .statusCode(200).extract().path("[0]");
        given().auth().oauth2(f.admin).contentType("application/json").body(Map.of("id", territory, "name",
                        territory, "timeZone", "UTC", "centerLat", address.get("lat"), "centerLon", address.get("lon"),
                        "radiusKm", 30, "windowProfile", "08:00-12:00,12:00-16:00", "emergencyReservePct", 0))
                .put("/api/territories/" + territory).then().statusCode(200);
        f.technician(territory + "-tech", territory, f.addresses.get(30), Map.of(), shifts);
        return address;
    }

    @Test
    void aCustomerBooksOnAPhoneThenMovesAndCancelsFromTheLinkAndEveryStepIsAccessible() {
        Map<String, Object> address = addressWithTerritory("north street", "web-a", TestCompany.WEEKDAYS);
        String label = (String) address.get("label");

        browser.get(base.resolve("/book").toString());
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=job-PORTAL_WEB]")).isEmpty());
        assertAccessible("the empty booking page", "book-1-start");

        click(By.cssSelector("[data-testid=job-PORTAL_WEB]"));
        choose("q-pets", "yes");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q-pets_secured-wrap")));
        choose("q-pets_secured", "no");
        browser.findElement(By.id("address-q")).sendKeys(label);
        click(By.id("address-find"));
        wait.until(d -> !d.findElements(By.cssSelector("input[name=address]")).isEmpty());
        click(By.cssSelector("input[name=address]"));
        wait.until(d -> !d.findElements(By.cssSelector("input[name=slot]")).isEmpty());
        List<WebElement> slots = browser.findElements(By.cssSelector("input[name=slot]"));
        assertTrue(slots.size() >= 2, "the territory's windows over the coming days");
        click(By.cssSelector("input[name=slot][data-start='" + TUE_8 + "']"));

        String phone = PortalFixture.phone("+34600555");
        browser.findElement(By.id("name")).sendKeys("Rosa Diaz");
        browser.findElement(By.id("phone")).sendKeys(phone);
        String code;
        try (EventProbe texts = EventProbe.atEnd(Topics.PORTAL_MESSAGES)) {
            click(By.id("send-code"));
            code = texts.await(PortalMessage.class, m -> m.phone().equals(phone), 1, Duration.ofSeconds(20))
                    .getFirst().code();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code"))).sendKeys(code);
        assertAccessible("the filled-in booking form", "book-2-filled-in");
        click(By.id("book"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
        assertTrue(browser.findElement(By.id("done-when")).getText().contains("08:00"),
                browser.findElement(By.id("done-when")).getText());
        assertAccessible("the booking confirmation", "book-3-confirmed");
        String manage = browser.findElement(By.id("done-manage")).getAttribute("href");
        assertTrue(manage.contains("/manage/") && manage.contains("#"), manage);

        browser.get(manage);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("appointment")));
        assertEquals("Router fix", browser.findElement(By.id("what")).getText());
        assertEquals(label, browser.findElement(By.id("where")).getText());
        assertAccessible("the manage page", "manage-1-appointment");

        click(By.id("reschedule"));
        wait.until(d -> !d.findElements(By.cssSelector("#choose input[name=slot]")).isEmpty());
        click(By.cssSelector("#choose input[name=slot][data-start='" + WED_8 + "']"));
        click(By.id("choose-go"));
        wait.until(d -> d.findElement(By.id("result")).getText().startsWith("Done"));
        assertTrue(browser.findElement(By.id("when")).getText().contains("Wednesday"),
                browser.findElement(By.id("when")).getText());

        click(By.id("cancel"));
        click(By.id("cancel-yes"));
        wait.until(d -> "Canceled".equals(d.findElement(By.id("state")).getText()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("choose")));
        assertTrue(browser.findElement(By.id("choose-heading")).getText().contains("again"),
                "a canceled visit can be booked again");
        assertAccessible("the canceled appointment, with times to book again", "manage-2-canceled");

        browser.get(base.resolve("/book/?lang=es").toString());
        wait.until(d -> "Pedir una visita".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertAccessible("the booking page in Spanish", "book-4-spanish");
        assertEquals(390L, browser.executeScript("return window.innerWidth"), "a phone's width");
        assertTrue((Long) browser.executeScript("return document.documentElement.scrollWidth") <= 390,
                "nothing wider than the phone");
    }

    @Test
    void aWaitlistedCustomerTakesTheEarlierWindowOfferedOnTheManagePage() {
        String mornings = "{\"TUESDAY\":\"08:00-12:00\",\"WEDNESDAY\":\"08:00-12:00\"}";
        Map<String, Object> address = addressWithTerritory("south street", "web-w", mornings);
        double lat = ((Number) address.get("lat")).doubleValue();
        double lon = ((Number) address.get("lon")).doubleValue();
        // A long job at the technician's door fills Tuesday morning; the customer gets Wednesday.
        String big = given().auth().oauth2(f.dispatcher).contentType("application/json").body("""
                {"customer":{"name":"Big Job","phone":"+12125550999"},"address":"Depot","lat":%s,"lon":%s,
                 "jobType":"WEB_BIG","windowStart":"%s","windowEnd":"%s","territoryId":"web-w"}"""
                .formatted(f.addresses.get(30).lat(), f.addresses.get(30).lon(), TUE_8, TUE_12))
                .post("/api/appointments").then().statusCode(201).extract().path("id");
        String token = PortalFixture.bookOnline("PORTAL_WEB", Map.of("pets", "no"), lat, lon,
                PortalFixture.phone("+34600666"), WED_8, WED_12);

        browser.get(base.resolve("/manage/#" + token).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("actions")));
        click(By.id("waitlist"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("waiting")));

        given().auth().oauth2(f.dispatcher).contentType("application/json").body(Map.of("reason", "moved"))
                .post("/api/appointments/" + big + "/cancel").then().statusCode(200);
        waitlist.scan();
        browser.navigate().refresh();
        WebElement accept = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#offers button[data-offer]")));
        assertTrue(browser.findElement(By.id("offers")).getText().contains("Tuesday"),
                browser.findElement(By.id("offers")).getText());
        assertAccessible("the manage page with an offer", "manage-3-offer");
        accept.click();
        wait.until(d -> d.findElement(By.id("result")).getText().startsWith("Done"));
        assertTrue(browser.findElement(By.id("when")).getText().contains("Tuesday"),
                browser.findElement(By.id("when")).getText());
    }

    /** Chooses an answer of a radio question by clicking its label, as a thumb would. */
    private void choose(String name, String value) {
        click(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        element.click();
    }

    /** Checks the page as it is now, and keeps it as the guides' picture {@code screenshot}. */
    private void assertAccessible(String where, String screenshot) {
        Screenshots.save(browser, screenshot);
        List<Axe.Violation> serious = Axe.serious(browser);
        assertTrue(serious.isEmpty(), where + " has serious accessibility violations: " + serious);
    }
}
