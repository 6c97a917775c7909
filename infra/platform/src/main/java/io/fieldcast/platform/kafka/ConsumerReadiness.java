package io.fieldcast.platform.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Not ready while a consumer loop is dead (until the watchdog restarted it) or has failed for longer than
 * {@link KafkaSettings#stuckAfter()}: a service that cannot keep up with its events says so.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final Consumers consumers;
    private final KafkaSettings settings;

    public ConsumerReadiness(Consumers consumers, KafkaSettings settings) {
        this.consumers = consumers;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers").up();
        if (!consumers.enabled()) {
            return response.withData("consumers", "disabled").build();
        }
        long stuckMs = settings.stuckAfter().toMillis();
        for (ConsumerState.View c : consumers.states()) {
            Optional<String> problem = problem(c, stuckMs);
            problem.ifPresent(p -> response.down());
            response.withData(c.group(), problem.orElse("ok") + " (applied " + c.applied() + ", parked " + c.parked()
                    + ", restarts " + c.restarts() + ")");
        }
        return response.build();
    }

    /** Why this loop makes the service not ready (dead, or failing for longer than {@code stuckMs}), if it does. */
    static Optional<String> problem(ConsumerState.View c, long stuckMs) {
        if (!c.running()) {
            return Optional.of("dead, restarting: " + c.lastError());
        }
        if (c.failingForMs() > stuckMs) {
            return Optional.of("failing for " + c.failingForMs() / 1000 + " s: " + c.lastError());
        }
        return Optional.empty();
    }
}
