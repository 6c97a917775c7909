package io.fieldcast.dispatch.messaging;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest position of each technician, for the console's map. In memory only: at 60× the phones send many
 * pings a second, a position matters for seconds, and after a restart the next pings fill it again.
 */
@ApplicationScoped
public class TechPositions implements EventHandler {

    /** A technician's last fix: where, when the phone took it, how precise, how fast (m/s, may be null). */
    public record Position(String technicianId, double lat, double lon, Instant at, double accuracyMeters,
                           Double speedMps, Double headingDeg) {
    }

    private final Map<String, Position> latest = new ConcurrentHashMap<>();

    @Override
    public String consumerGroup() {
        return "dispatch.tech-locations";
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
            latest.merge(ping.technicianId(), new Position(ping.technicianId(), ping.lat(), ping.lon(), at,
                            ping.accuracyMeters(), ping.speedMps(), ping.headingDeg()),
                    (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
        }
        return Uni.createFrom().voidItem();
    }

    /** The latest fixes of these technicians (those never seen are left out), in the order given. */
    public Map<String, Position> of(Collection<String> technicianIds) {
        Map<String, Position> out = new LinkedHashMap<>();
        for (String id : technicianIds) {
            Position p = latest.get(id);
            if (p != null) {
                out.put(id, p);
            }
        }
        return out;
    }
}
