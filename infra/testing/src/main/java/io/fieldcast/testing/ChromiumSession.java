package io.fieldcast.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Path;

/**
 * A headless {@link Chromium} driven by Selenium through the system chromedriver (never Selenium Manager), with a
 * profile of its own that closing deletes. Needs selenium-java on the test class path (optional here).
 *
 * <pre>
 * session = ChromiumSession.start("--window-size=1600,1200");  // in @BeforeEach; skips without Chromium
 * browser = session.driver();
 * ...
 * session.close();                                            // in @AfterEach
 * </pre>
 */
public final class ChromiumSession implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private ChromiumSession(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test where Chromium or its driver is not installed. */
    public static ChromiumSession start(String... extraArguments) {
        Chromium.assumeInstalledWithDriver();
        Path profile = Chromium.newProfile("fieldcast-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(Chromium.BINARY.toFile())
                .addArguments(Chromium.headlessArguments(profile, extraArguments));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        try {
            return new ChromiumSession(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            Chromium.deleteProfile(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Chromium.deleteProfile(profile);
        }
    }
}
