package io.fieldcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system Chromium the browser tests drive (Debian's chromium and chromium-driver; nothing is downloaded): where it
 * is, the headless flags, a profile per browser. Plain Java; {@link ChromiumSession} is the Selenium session on top,
 * and a test that speaks the DevTools protocol itself uses this class alone.
 */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the calling test where Chromium is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "needs Debian's chromium (apt-get install -y chromium)");
    }

    /** Skips the calling test where Chromium or its driver is not installed. */
    public static void assumeInstalledWithDriver() {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    }

    /**
     * Headless, no sandbox (tests may run as root), no GPU or QUIC, nothing fetched in the background, a profile of its
     * own; then {@code extra} (e.g. {@code --window-size=1600,1200}).
     */
    public static List<String> headlessArguments(Path profile, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath()));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    /** A new, empty profile directory under the system's temporary directory. */
    public static Path newProfile(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile", e);
        }
    }

    /**
     * Deletes a profile, best effort: Chromium's helper processes may still be writing into it for a moment after the
     * browser exits (a file vanishing mid-walk), so a failed walk is tried again, three times at most.
     */
    public static void deleteProfile(Path profile) {
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (UncheckedIOException | NoSuchFileException e) {
                pause();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the Chromium profile " + profile, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
