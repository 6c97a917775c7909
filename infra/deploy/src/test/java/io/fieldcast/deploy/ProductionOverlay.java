package io.fieldcast.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * The production overlay, rendered once per test JVM, and the repository beside it whose services, topics and
 * settings the manifests must match.
 */
final class ProductionOverlay {

    /** The repository root; surefire passes it, and a run from this module's directory finds it two levels up. */
    static final Path REPO = Path.of(System.getProperty("fieldcast.repo.dir", "../..")).toAbsolutePath().normalize();
    static final Path DEPLOY = REPO.resolve("infra/deploy");
    static final Path OVERLAY = DEPLOY.resolve("overlays/production");

    private static Rendered rendered;

    private ProductionOverlay() {
    }

    static synchronized Rendered rendered() {
        if (rendered == null) {
            rendered = Rendered.of(OVERLAY);
        }
        return rendered;
    }

    static List<Manifest> deployments() {
        List<Manifest> deployments = rendered().ofKind("Deployment");
        if (deployments.isEmpty()) {
            throw new AssertionError("the overlay " + OVERLAY + " renders no Deployment");
        }
        return deployments;
    }

    static List<ServiceModule> services() {
        List<ServiceModule> services = ServiceModule.all(REPO);
        if (services.isEmpty()) {
            throw new AssertionError("no service module (with src/main/resources/application.properties) in " + REPO);
        }
        return services;
    }

    static Manifest deploymentOf(ServiceModule service) {
        return rendered().find("Deployment", service.name())
                .orElseThrow(() -> new AssertionError("no Deployment/" + service.name() + " for " + service.dir()));
    }
}
