package io.fieldcast.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The clock domain logic reads time from. Tests replace it with their own {@code Clock} bean; nothing in domain
 * code calls {@code Instant.now()}. With {@code fieldcast.clock.file} set (FIELDCAST_CLOCK_FILE), the service runs
 * on the {@link SharedClock} that file describes: {@code ./fieldcast demo} plays a day at 60× with every service
 * and the simulator agreeing on the simulated "now".
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @ConfigProperty(name = "fieldcast.clock.file")
    Optional<String> file;

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        if (file.isPresent() && !file.get().isBlank()) {
            SharedClock clock = SharedClock.of(Path.of(file.get()));
            LOG.infof("domain time from the shared clock %s (now %s)", clock.file(), clock.instant());
            return clock;
        }
        return Clock.systemUTC();
    }
}
