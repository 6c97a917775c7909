package io.fieldcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service of the repository: a top-level module with a Quarkus {@code application.properties}. Its name is the
 * name of its Deployment. Every service also reads the platform's shared defaults.
 */
record ServiceModule(String name, Path dir) {

    static final String PLATFORM_CONFIG = "infra/platform/src/main/resources/META-INF/microprofile-config.properties";

    static List<ServiceModule> all(Path repo) {
        try (Stream<Path> modules = Files.list(repo)) {
            return modules.filter(m -> Files.isRegularFile(m.resolve("src/main/resources/application.properties")))
                    .sorted()
                    .map(m -> new ServiceModule(m.getFileName().toString(), m))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path applicationProperties() {
        return dir.resolve("src/main/resources/application.properties");
    }

    /** The schema the service owns ({@code fieldcast.db.schema}), which is also its database role. */
    String schema() {
        String schema = ConfigReference.load(applicationProperties()).getProperty("fieldcast.db.schema");
        if (schema == null) {
            throw new AssertionError(applicationProperties() + " has no fieldcast.db.schema");
        }
        return schema;
    }

    /** The FIELDCAST_* variables of the service's own application.properties. */
    List<ConfigReference> ownSettings() {
        return ConfigReference.in(applicationProperties());
    }

    /** Java sources of the service and of the platform it runs with, where its JAX-RS resources are. */
    List<Path> sources(Path repo) {
        List<Path> sources = new ArrayList<>();
        for (Path root : List.of(dir.resolve("src/main/java"), repo.resolve("infra/platform/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** Static web content ({@code META-INF/resources/<dir>}), served at {@code /<dir>/}. */
    List<String> staticRoots() {
        Path resources = dir.resolve("src/main/resources/META-INF/resources");
        if (!Files.isDirectory(resources)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(resources)) {
            return entries.map(e -> "/" + e.getFileName()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
