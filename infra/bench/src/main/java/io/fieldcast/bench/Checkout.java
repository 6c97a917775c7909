package io.fieldcast.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout a benchmark runs in: where the packaged services and the {@code fieldcast} script are. */
public final class Checkout {

    private Checkout() {
    }

    /**
     * {@code FIELDCAST_ROOT} when set ({@code ./fieldcast} sets it), else the first directory above this class's
     * location that holds the {@code fieldcast} script (from {@code infra/bench/target/classes}, the checkout).
     */
    public static Path root() {
        String configured = System.getenv("FIELDCAST_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path location;
        try {
            location = Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the benchmark classes are", e);
        }
        for (Path dir = location.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("fieldcast")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout above " + location + "; set FIELDCAST_ROOT");
    }
}
