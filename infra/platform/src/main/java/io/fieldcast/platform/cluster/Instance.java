package io.fieldcast.platform.cluster;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.UUID;

/**
 * This running instance of the service among its siblings: a name for the rows it claims, and the address at which
 * the siblings reach it ({@code fieldcast.instance.url}, e.g. the pod's IP in Kubernetes; by default this machine's
 * HTTP port, resolved once the server listens, so a random test port works too).
 */
@ApplicationScoped
public class Instance {

    private final String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Optional<String> configuredUrl;
    private volatile String url;

    public Instance(@ConfigProperty(name = "fieldcast.instance.url") Optional<String> configuredUrl) {
        this.configuredUrl = configuredUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", ""));
    }

    public String id() {
        return id;
    }

    /** Where the siblings send requests meant for this instance. */
    public String url() {
        String known = url;
        if (known == null) {
            known = configuredUrl.orElseGet(() -> "http://localhost:" + port());
            url = known;
        }
        return known;
    }

    private static String port() {
        String name = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String actual = System.getProperty(name); // set by Quarkus to the bound port when configured as 0
        return actual != null ? actual : ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse("8080");
    }
}
