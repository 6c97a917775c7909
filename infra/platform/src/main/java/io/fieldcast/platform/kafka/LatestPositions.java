package io.fieldcast.platform.kafka;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest position of each technician from {@code fieldcast.tech-locations}, in memory only (no transaction, no
 * rows): at 60× the phones send many pings a second, a position matters for seconds, and after a restart the next
 * pings fill it again. An older fix that arrives late never replaces a newer one. A service subclasses it as an
 * {@code @ApplicationScoped} bean. Broadcast: every instance of the service reads every partition (a console or a
 * tracking page served by any instance sees the whole fleet), replaying the recent past of the topic at start.
 */
public abstract class LatestPositions extends BroadcastHandler {

    /** A technician's last fix: where, when the phone took it, how precise, how fast (m/s, may be null). */
    public record Position(String technicianId, double lat, double lon, Instant at, double accuracyMeters,
                           Double speedMps, Double headingDeg) {
    }

    private final Map<String, Position> latest = new ConcurrentHashMap<>();

    protected LatestPositions(String consumerGroup) {
        super(consumerGroup, Set.of(Topics.TECH_LOCATIONS));
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

    /** The latest fix of one technician. */
    public Optional<Position> of(String technicianId) {
        return technicianId == null ? Optional.empty() : Optional.ofNullable(latest.get(technicianId));
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
