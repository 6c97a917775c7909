package io.fieldcast.mobile.auth;

import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.platform.cluster.ClusterLocks;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.SecuritySettings;
import io.fieldcast.platform.security.SeedSecrets;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;

/** Creates configured device credentials that do not exist yet. */
@ApplicationScoped
public class DeviceSeeder {

    void seed(@Observes StartupEvent startup, MobileSettings settings, SecuritySettings security, Clock clock,
              @ConfigProperty(name = "quarkus.http.host") String httpHost) {
        List<String> entries = settings.seedDevices().orElse(List.of());
        SeedSecrets.checkDemoHost(security.demoCredentials(), httpHost);
        for (String entry : entries) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("fieldcast.mobile.seed-devices entries are technicianId:secret");
            }
            SeedSecrets.check("FIELDCAST_SEED_DEVICES", parts[0], parts[1], security.demoCredentials());
            DeviceCredential credential = new DeviceCredential();
            credential.technicianId = parts[0];
            credential.secretHash = Passwords.hash(parts[1]);
            credential.createdAt = clock.instant();
            // Every instance seeds at start-up: one at a time, the later ones find the rows.
            Reactive.inTransaction(() -> ClusterLocks.holdForTransaction("seed-devices").chain(() ->
                    DeviceCredential.<DeviceCredential>findById(credential.technicianId)).chain(existing ->
                            existing != null ? Uni.createFrom().voidItem() : credential.persist().replaceWithVoid()));
        }
    }
}
