package io.fieldcast.testing;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pictures of the user guides ({@code docs/}): a browser test takes one where a person would look, into its
 * module's {@code target/screenshots/<name>.png}; {@code ./fieldcast screenshots} runs those tests and copies the
 * pictures into {@code docs/screenshots/}, so the guides show the pages as they are. A name is unique across modules.
 */
public final class Screenshots {

    /** Where a test's pictures go, relative to its module. */
    public static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /** The browser's viewport as {@code target/screenshots/<name>.png}. */
    public static Path save(WebDriver browser, String name) {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a screenshot's name is lower-case words and dashes: " + name);
        }
        Path file = DIR.resolve(name + ".png");
        try {
            Files.createDirectories(DIR);
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
