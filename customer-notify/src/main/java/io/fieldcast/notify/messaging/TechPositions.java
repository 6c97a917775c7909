package io.fieldcast.notify.messaging;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest position of each technician, for tracking pages only. Kept in memory (no transaction, no rows): a
 * position is only interesting for the next few seconds, and a restart re-reads the topic's tail.
 */
@ApplicationScoped
public class TechPositions implements EventHandler {

    /** A technician's last fix. */
    public record Position(double lat, double lon, Instant at) {
    }

    private final Map<String, Position> latest = new ConcurrentHashMap<>();

    @Override
    public String consumerGroup() {
        return "notify.tech-locations";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TECH_LOCATIONS);
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (event instanceof LocationPing ping && ping.technicianId() != null) {
            Instant at = ping.deviceTime() != null ? ping.deviceTime() : ping.occurredAt();
            latest.merge(ping.technicianId(), new Position(ping.lat(), ping.lon(), at),
                    (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
        }
        return Uni.createFrom().voidItem();
    }

    public Optional<Position> of(String technicianId) {
        return technicianId == null ? Optional.empty() : Optional.ofNullable(latest.get(technicianId));
    }
}
