package io.fieldcast.dispatch.console;

import io.fieldcast.dispatch.Await;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.Events;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.Axe;
import io.fieldcast.testing.Screenshots;
import io.fieldcast.testing.ChromiumSession;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher console in a real headless Chromium: log in, book through the form, solve, see the visit on the
 * timeline, drag it to another technician (which pins it and solves again), publish, and the new technician's
 * route on Kafka has it. Skipped where Chromium is not installed.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String TERRITORY = "console-ui";
    private static final String DAY = "2026-03-04";

    @TestHTTPResource("/")
    URL root;
    @Inject
    TestCompanies companies;
    @Inject
    EventPublisher publisher;

    private ChromiumSession chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        chromium = ChromiumSession.start("--window-size=1600,1200");
        browser = chromium.driver();
        // The console draws its timeline, board and KPIs anew at every refresh: an element found a moment ago may
        // be gone, so every wait reads again what is drawn now.
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void bookSolveDragToAnotherTechnicianAndPublish() throws Exception {
        TestCompany company = companies.create(TERRITORY);
        company.technician(TERRITORY + "-a", TERRITORY, 1, Map.of());
        company.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        company.book(11, "REPAIR", DAY + "T12:00:00Z", DAY + "T16:00:00Z", TERRITORY, 3);
        try {
            logIn(TERRITORY, 2);
            UUID booked = bookThroughTheForm();
            solveAndWait();
            wait.until(ExpectedConditions.visibilityOfElementLocated(visit(booked)));
            // The map draws each route along the roads the van takes, not straight between stops.
            // (Read in one go: the routes are drawn anew at every refresh.)
            wait.until(d -> (Boolean) browser.executeScript("return [...document.querySelectorAll("
                    + "\"#map polyline[data-roads='yes']\")].some(p => p.getAttribute('points').split(' ').length > 4)"));
            Screenshots.save(browser, "console-1-day-planned");
            String from = (String) browser.executeScript("return document.querySelector(arguments[0])"
                    + ".closest('.tl-row').getAttribute('data-technician')", css(booked));
            String to = from.equals(TERRITORY + "-a") ? TERRITORY + "-tech" : TERRITORY + "-a";
            dragTo(booked, to);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "Pinned"));
            // Pinning solves again around the pin: the console's second solve.
            wait.until(ExpectedConditions.attributeToBe(By.id("progress"), "data-solves", "2"));
            awaitSolved();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tl-row[data-technician='" + to
                    + "'] .tl-visit[data-appointment='" + booked + "'] [data-testid='pin']")));

            try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
                // The drag scrolled down to the timeline: bring the button back from under the sticky header.
                WebElement publish = browser.findElement(By.id("publish"));
                browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", publish);
                publish.click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "Published"));
                List<RoutePlanned> routes = probe.await(RoutePlanned.class,
                        r -> r.territoryId().equals(TERRITORY) && r.technicianId().equals(to), 1,
                        Duration.ofSeconds(30));
                assertTrue(routes.getFirst().visits().stream().anyMatch(v -> v.appointmentId().equals(booked)),
                        "the new technician's route has the dragged visit: " + routes.getFirst());
            }

            // The visit's details carry its history, pin included.
            // Publishing re-draws the timeline: click the visit as drawn now, again if it was re-drawn meanwhile.
            wait.until(d -> {
                d.findElement(visit(booked)).click();
                return true;
            });
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "PINNED"));
            Screenshots.save(browser, "console-3-visit-details");
            // The KPIs are drawn anew at every refresh too: read them as drawn, not as found a moment ago.
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='kpi-visits'] b"), "3"));

            // A token the server no longer accepts sends the dispatcher back to the login form, saying why.
            browser.executeScript("localStorage.setItem('fieldcast.session', JSON.stringify("
                    + "{token: 'expired', username: 'root', roles: ['admin']}))");
            browser.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-message"), "log in again"));
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void visitCanceledAndTechnicianOutSickFromTheDetailsPanel() {
        TestCompany company = companies.create("console-cancel");
        String id = company.book(12, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z",
                "console-cancel", 3);
        try {
            logIn("console-cancel", 1);
            // The caller is known: found by phone, the form is filled in from their record.
            browser.findElement(By.id("b-search")).sendKeys("+12125550123");
            browser.findElement(By.id("b-lookup")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='caller']"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("b-known")));
            assertEquals("Rosa Diaz", browser.findElement(By.id("b-name")).getDomProperty("value"));
            // Zoomed in on a large territory, the map loads the small streets of the view.
            browser.executeScript("""
                    const svg = document.querySelector('#map svg');
                    const r = svg.getBoundingClientRect();
                    for (let i = 0; i < 4; i++) {
                        svg.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, clientX: r.left + r.width / 2,
                            clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));
                    }""");
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#map path[data-level='residential']")));
            // A place can also be picked on the map.
            browser.findElement(By.id("b-pick")).click();
            new Actions(browser).moveToElement(browser.findElement(By.id("map")), 10, 10).click().perform();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("b-message"), "from the map"));
            assertTrue(!browser.findElement(By.id("b-lat")).getDomProperty("value").isBlank());

            // The customer calls: their visit is found by phone and opened.
            browser.findElement(By.id("find-q")).sendKeys("+12125550123\n");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                    "[data-testid='find-result'][data-appointment='" + id + "']"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-reason")))
                    .sendKeys("customer moved away");
            browser.findElement(By.id("cancel-visit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "canceled"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='details-status']"), "canceled"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='kpi-canceled'] b"), "1"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "customer moved away"));
            Screenshots.save(browser, "console-6-visit-canceled");

            // The only technician calls in sick: nobody works that day any more.
            wait.until(d -> {
                d.findElement(By.cssSelector("[data-testid='tl-label']")).click();
                return true;
            });
            wait.until(ExpectedConditions.elementToBeClickable(By.id("out-sick"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "is out"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "No technician works"));
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void anAdminCreatesASupervisorWhoSeesOnlyTheirTerritoryAndChangesNothing() {
        companies.create("console-users");
        companies.create("console-other");
        String name = "sup-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            signIn("root", "root-secret");
            browser.findElement(By.id("account-link")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='users'] tr")));
            browser.findElement(By.id("u-name")).sendKeys(name);
            browser.findElement(By.cssSelector("input[name=role][value=dispatcher]")).click();
            browser.findElement(By.cssSelector("input[name=role][value=supervisor]")).click();
            browser.findElement(By.cssSelector("input[name=territory][value='console-users']")).click();
            browser.findElement(By.id("u-submit")).click();
            // No password typed: one is generated and shown once.
            String password = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getText();
            assertTrue(password.length() >= 12, password);
            browser.findElement(By.cssSelector("#secret-dialog button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-user='" + name + "']")));
            Screenshots.save(browser, "console-7-users");

            browser.get(root.toString());
            browser.findElement(By.id("logout")).click();
            signIn(name, password);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("readonly")));
            List<String> territories = browser.findElements(By.cssSelector("#territory option")).stream()
                    .map(o -> o.getDomProperty("value")).toList();
            assertEquals(List.of("console-users"), territories);
            assertTrue(!browser.findElement(By.id("solve")).isDisplayed(), "no Solve for a supervisor");
            assertTrue(!browser.findElement(By.id("booking")).isDisplayed(), "no booking form for a supervisor");
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void aVisitMovesToAnotherTechnicianWithTheKeyboardAlone() {
        TestCompany company = companies.create("console-keys");
        company.technician("console-keys-b", "console-keys", 3, Map.of());
        String id = company.book(14, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "console-keys", 3);
        try {
            logIn("console-keys", 2);
            wait.until(ExpectedConditions.presenceOfElementLocated(visit(UUID.fromString(id))));
            String from = (String) browser.executeScript("return document.querySelector(arguments[0])"
                    + ".closest('.tl-row').getAttribute('data-technician')", css(UUID.fromString(id)));
            String to = from.equals("console-keys-b") ? "console-keys-tech" : "console-keys-b";
            // The solve around the pin runs for the seconds in the plan panel: a short one, as a test needs.
            WebElement seconds = browser.findElement(By.id("solve-seconds"));
            seconds.clear();
            seconds.sendKeys("2");
            // Tab to the visit and open it with Enter; choose the technician and the stop by keys; submit with Enter.
            browser.executeScript("document.querySelector(arguments[0]).focus()", css(UUID.fromString(id)));
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            WebElement technician = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-tech")));
            technician.sendKeys(to.equals("console-keys-b") ? "console-keys-b" : "console-keys-tech");
            wait.until(d -> to.equals(new Select(d.findElement(By.id("move-tech"))).getFirstSelectedOption()
                    .getDomProperty("value")));
            WebElement stop = browser.findElement(By.id("move-position"));
            Screenshots.save(browser, "console-4-move-by-keyboard");
            stop.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "Pinned"));
            awaitSolved();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tl-row[data-technician='" + to
                    + "'] .tl-visit[data-appointment='" + id + "'] [data-testid='pin']")));
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void theWeekBoardShowsEachDayAndAVisitMovesToAnotherDayThroughItsDetails() {
        TestCompany company = companies.create("console-week");
        String id = company.book(15, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "console-week", 3);
        String thursday = "2026-03-05";
        // This territory's technician's cells: a board drawn for another territory does not count.
        String cell = "[data-testid='week-cell'][data-technician='console-week-tech']";
        By wednesdayCell = By.cssSelector(cell + "[data-day='" + DAY + "']");
        By thursdayCell = By.cssSelector(cell + "[data-day='" + thursday + "']");
        try {
            logIn("console-week", 1);
            // The board is drawn anew at every load: each wait reads a cell as it is now.
            wait.until(d -> d.findElement(wednesdayCell).getText().startsWith("1 ·")
                    && d.findElement(thursdayCell).getText().startsWith("0 ·"));
            wait.until(d -> d.findElements(By.cssSelector("[data-testid='week-day']")).size() == 7); // Monday to Sunday
            browser.executeScript("document.querySelector(\"[data-testid='week-day']\").scrollIntoView({block: 'center'})");
            Screenshots.save(browser, "console-5-week-board");

            wait.until(ExpectedConditions.elementToBeClickable(visit(UUID.fromString(id)))).click();
            WebElement date = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-date")));
            browser.executeScript("arguments[0].value = arguments[1]", date, thursday);
            try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
                browser.findElement(By.cssSelector("[data-testid='move-day-find']")).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='move-window']")))
                        .click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"), "Moved to"));
                probe.await(AppointmentRescheduled.class, e -> e.appointmentId().toString().equals(id), 1,
                        Duration.ofSeconds(20));
            }
            wait.until(d -> d.findElement(thursdayCell).getText().startsWith("1 ·")
                    && d.findElement(wednesdayCell).getText().startsWith("0 ·"));
            // A day on the board opens that day.
            wait.until(d -> {
                d.findElement(By.cssSelector("[data-testid='week-day'][data-day='" + thursday + "']")).click();
                return true;
            });
            wait.until(ExpectedConditions.attributeToBe(By.id("date"), "value", thursday));
            wait.until(ExpectedConditions.presenceOfElementLocated(visit(UUID.fromString(id))));
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void theDaySheetPrintsEachTechniciansRouteWithTheCustomersPhonesAndNotes() throws Exception {
        TestCompany company = companies.create("console-sheet");
        company.technician("console-sheet-b", "console-sheet", 5, Map.of());
        String first = company.book(16, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "console-sheet", 3);
        String second = company.book(17, "REPAIR", DAY + "T12:00:00Z", DAY + "T16:00:00Z", "console-sheet", 3);
        company.solve("console-sheet", DAY);
        company.publish("console-sheet", DAY);
        try {
            logIn("console-sheet", 2);
            WebElement link = browser.findElement(By.id("day-sheet-link"));
            wait.until(d -> link.getAttribute("href").contains("territory=console-sheet&date=" + DAY));
            browser.get(link.getAttribute("href"));
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='sheet-stop']"), 2));
            String sheet = browser.findElement(By.id("sheet")).getText();
            assertTrue(sheet.contains("Rosa Diaz") && sheet.contains("+12125550123") && sheet.contains("12 Elm St"),
                    "customers, phones and addresses on paper: " + sheet);
            assertTrue(browser.findElement(By.id("sheet-title")).getText().startsWith("Day sheet · "));
            List<String> placed = browser.findElements(By.cssSelector("[data-testid='sheet-technician']")).stream()
                    .flatMap(t -> t.findElements(By.cssSelector("[data-testid='sheet-stop']")).stream())
                    .map(r -> r.getText()).toList();
            assertEquals(2, placed.size(), "both visits are on a technician's route: " + placed);
            List<Axe.Violation> serious = Axe.serious(browser);
            assertTrue(serious.isEmpty(), "the day sheet: " + serious);
            Screenshots.save(browser, "console-8-day-sheet");

            // On paper only the sheet: no header, no form; each technician starts a page.
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertTrue(!browser.findElement(By.id("sheet-form")).isDisplayed(), "no form on paper");
            assertEquals("page", browser.executeScript("return getComputedStyle(document.querySelector("
                    + "\"[data-testid='sheet-technician']\")).breakAfter"));
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            // One technician's sheet.
            String technician = browser.findElement(By.cssSelector("[data-testid='sheet-technician']"))
                    .getAttribute("data-technician");
            new Select(browser.findElement(By.id("sheet-technician"))).selectByValue(technician);
            browser.findElement(By.cssSelector("#sheet-form button[type='submit']")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='sheet-technician']"), 1));
            assertTrue(browser.getCurrentUrl().contains("technician=" + technician));
            assertTrue(List.of(first, second).stream().allMatch(id -> id != null));
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    @Test
    void theConsoleAndTheUsersPagePassTheAccessibilityCheck() {
        companies.create("console-a11y").book(13, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "console-a11y",
                3);
        try {
            logIn("console-a11y", 1);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tl-visit")));
            List<Axe.Violation> console = Axe.serious(browser);
            assertTrue(console.isEmpty(), "the console: " + console);
            browser.findElement(By.id("account-link")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='users'] tr")));
            List<Axe.Violation> users = Axe.serious(browser);
            assertTrue(users.isEmpty(), "the users page: " + users);
            browser.get(root.toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
            List<Axe.Violation> login = Axe.serious(browser);
            assertTrue(login.isEmpty(), "the login form: " + login);
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    /**
     * A job the technician says will take longer than planned: the timeline and the visit's details say so in words
     * (the technician's word, when it was said, when the job will be done, and that this is past the planned end), a
     * KPI tile counts it, and the page still passes the accessibility check.
     */
    @Test
    void anOnSiteVisitShowsTheTechniciansWordOfTheTimeLeft() throws Exception {
        String territory = "console-left";
        TestCompany company = companies.create(territory);
        UUID id = UUID.fromString(company.book(18, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3));
        company.solve(territory, DAY);
        company.publish(territory, DAY);
        String technician = territory + "-tech";
        Instant arrived = Instant.parse(DAY + "T08:30:00Z");
        Instant said = Instant.parse(DAY + "T08:50:00Z");
        publisher.send(new VisitStatusChanged(Events.newId(), arrived, VisitStatusChanged.SCHEMA_VERSION, technician,
                id, VisitStatus.ARRIVED, null, null, arrived, arrived, "tap-" + id)).get(10, TimeUnit.SECONDS);
        publisher.send(new JobTimeLeft(Events.newId(), said, JobTimeLeft.SCHEMA_VERSION, technician, id, 90, said,
                said, "left-" + id)).get(10, TimeUnit.SECONDS);
        String timeline = "/api/plans/" + territory + "/" + DAY + "/timeline";
        Await.until(() -> given().auth().oauth2(company.dispatcherToken()).get(timeline).then().extract()
                .jsonPath().get("visits.find { it.appointmentId == '" + id + "' }.timeLeft") != null,
                "the word on the timeline");
        try {
            logIn(territory, 1);
            By block = visit(id);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css(id)
                    + " [data-testid='tl-time-left']")));
            String label = browser.findElement(block).getAttribute("aria-label");
            assertTrue(label.contains("about 90 min left · said 08:50 · done ~10:20"), label);
            assertTrue(label.contains("runs past its planned end"), label);
            assertEquals(1, browser.findElements(By.cssSelector(css(id) + " [data-testid='overrun-mark']")).size());
            assertEquals(1, browser.findElements(By.cssSelector("[data-testid='tl-overrun']")).size());
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='kpi-running-long'] b"), "1"));
            wait.until(d -> {
                d.findElement(block).click();
                return true;
            });
            WebElement left = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid='details-time-left']")));
            assertTrue(left.getText().startsWith("about 90 min left · said 08:50 · done ~10:20 · runs past its "
                    + "planned end ("), left.getText());
            Screenshots.save(browser, "console-9-time-left");
            List<Axe.Violation> serious = Axe.serious(browser);
            assertTrue(serious.isEmpty(), "the console with a job running long: " + serious);
        } catch (RuntimeException | AssertionError e) {
            dumpBrowser();
            throw e;
        }
    }

    private void signIn(String user, String password) {
        browser.get(root.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private void logIn(String territory, int technicians) {
        signIn("root", "root-secret");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#territory option[value='" + territory
                + "']")));
        new Select(browser.findElement(By.id("territory"))).selectByValue(territory);
        // The server's clock says Monday 2 March; the plan to look at is Wednesday's.
        browser.executeScript("const d = document.getElementById('date'); d.value = arguments[0];"
                + "d.dispatchEvent(new Event('change'));", DAY);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tl-row"), technicians));
    }

    /** Books as a dispatcher on the phone does: the address typed as the caller says it, found on the map. */
    private UUID bookThroughTheForm() {
        browser.findElement(By.id("b-name")).sendKeys("Ana Lima");
        browser.findElement(By.id("b-phone")).sendKeys("+12125550188");
        browser.findElement(By.id("b-address")).sendKeys("2 north street");
        browser.findElement(By.id("b-address-find")).click();
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='b-address-option']")));
        String label = option.getText();
        option.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("b-message"), "from the address"));
        assertEquals(label, browser.findElement(By.id("b-address")).getDomProperty("value"));
        assertTrue(!browser.findElement(By.id("b-lat")).getDomProperty("value").isBlank(), "the place is set");
        browser.executeScript("document.getElementById('b-date').value = arguments[0];"
                + "document.getElementById('b-days').value = 1;", DAY);
        new Select(browser.findElement(By.id("b-job"))).selectByValue("REPAIR");
        browser.findElement(By.cssSelector("[data-testid='b-find']")).click();
        WebElement book = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='slot-book']")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", book);
        Screenshots.save(browser, "console-2-booking-by-address");
        book.click();
        browser.executeScript("window.scrollTo(0, 0)"); // back up to the plan panel under the sticky header
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("b-message"), "Booked"));
        return UUID.fromString(browser.findElement(By.id("booking")).getAttribute("data-booked"));
    }

    private void solveAndWait() {
        WebElement seconds = browser.findElement(By.id("solve-seconds"));
        seconds.clear();
        seconds.sendKeys("2");
        browser.findElement(By.id("solve")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("progress"), "data-status", "SOLVING"));
        awaitSolved();
    }

    private void awaitSolved() {
        wait.until(ExpectedConditions.attributeToBe(By.id("progress"), "data-status", "SOLVED"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("publish")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-source"), "solved"));
    }

    private static String css(UUID id) {
        return ".tl-visit[data-appointment='" + id + "']";
    }

    private static By visit(UUID id) {
        return By.cssSelector(css(id));
    }

    /** Drags the visit onto the technician's row; the timeline refreshes now and then, so a stale find is retried. */
    private void dragTo(UUID id, String technicianId) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Centred, so that neither the sticky header nor the window's edge is under the pointer.
                browser.executeScript("document.getElementById('timeline').scrollIntoView({block: 'center'})");
                WebElement block = browser.findElement(visit(id));
                WebElement target = browser.findElement(By.cssSelector(".tl-row[data-technician='" + technicianId
                        + "'] .tl-track"));
                new Actions(browser).clickAndHold(block).pause(Duration.ofMillis(100))
                        .moveToElement(target, 0, 0).pause(Duration.ofMillis(100)).moveToElement(target, 5, 0)
                        .release().perform();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void dumpBrowser() {
        try {
            Path shot = Path.of("target", "console-browser-test.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            browser.manage().logs().get(LogType.BROWSER).forEach(e -> System.err.println("browser: " + e));
        } catch (Exception ignored) {
            // best effort
        }
    }
}
