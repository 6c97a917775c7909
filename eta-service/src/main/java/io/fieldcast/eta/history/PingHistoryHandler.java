package io.fieldcast.eta.history;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.Set;

/**
 * Stores every GPS ping once. The table's key (technician, phone ping id, device time) absorbs replays
 * after offline periods, so this handler skips the generic processed-event bookkeeping: at thousands of
 * pings a second one insert per ping is what we can afford.
 */
@ApplicationScoped
public class PingHistoryHandler implements EventHandler {

    @Override
    public String consumerGroup() {
        return "eta.ping-history";
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
        if (!(event instanceof LocationPing ping)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into gps_ping (technician_id, client_id, device_time, received_at, lat, lon,
                                              accuracy_m, speed_mps, heading_deg)
                        values (:tech, :client, :device, :received, :lat, :lon, :acc, :speed, :heading)
                        on conflict do nothing""")
                .setParameter("tech", ping.technicianId())
                .setParameter("client", ping.clientId())
                .setParameter("device", ping.deviceTime().atOffset(ZoneOffset.UTC))
                .setParameter("received", ping.receivedAt().atOffset(ZoneOffset.UTC))
                .setParameter("lat", ping.lat())
                .setParameter("lon", ping.lon())
                .setParameter("acc", (float) ping.accuracyMeters())
                .setParameter("speed", ping.speedMps() == null ? null : ping.speedMps().floatValue())
                .setParameter("heading", ping.headingDeg() == null ? null : ping.headingDeg().floatValue())
                .executeUpdate())).replaceWithVoid();
    }
}
