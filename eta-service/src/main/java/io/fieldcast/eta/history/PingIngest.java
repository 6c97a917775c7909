package io.fieldcast.eta.history;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes fieldcast.tech-locations in batches on the platform's consumer loop: one poll = one batch insert, offsets
 * committed after it. A transaction per ping would cost more than GPS volume can afford; replays are absorbed by the
 * table's key instead of processed-event rows. Also runs partition maintenance and retention.
 */
@ApplicationScoped
public class PingIngest implements BatchEventHandler {

    private static final Logger LOG = Logger.getLogger(PingIngest.class);
    static final String GROUP = "eta.ping-history";

    private final PingStore store;
    private final PingListener listener;
    private final EtaSettings settings;
    private final ClusterJobs jobs;
    private ScheduledExecutorService maintenance;

    /** Told about the newest fix per technician after each stored batch (forecasts follow the van). */
    public interface PingListener {
        void stored(Map<String, LocationPing> newestByTechnician);
    }

    public PingIngest(PingStore store, PingListener listener, EtaSettings settings, ClusterJobs jobs) {
        this.jobs = jobs;
        this.store = store;
        this.listener = listener;
        this.settings = settings;
    }

    @Override
    public String consumerGroup() {
        return GROUP;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TECH_LOCATIONS);
    }

    @Override
    public int maxBatch() {
        return settings.history().batchSize();
    }

    @Override
    public boolean enabled() {
        return settings.history().ingestEnabled();
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) throws Exception {
        List<LocationPing> batch = new ArrayList<>(events.size());
        for (FieldcastEvent event : events) {
            if (!(event instanceof LocationPing ping)) {
                throw new IllegalArgumentException("not a location ping on " + Topics.TECH_LOCATIONS + ": "
                        + event.getClass().getSimpleName());
            }
            batch.add(ping);
        }
        Map<String, LocationPing> newest = store.store(batch);
        if (!newest.isEmpty()) {
            listener.stored(newest);
        }
    }

    void start(@Observes StartupEvent startup) {
        maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("gps-partitions").factory());
        long every = settings.history().maintenanceEvery().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, 0, every, TimeUnit.MILLISECONDS);
    }

    private void maintain() {
        try {
            // One instance runs the partition DDL per period: two would race on the same partitions.
            if (!jobs.claimTick("eta.gps-partitions", settings.history().maintenanceEvery())) {
                return;
            }
            int dropped = store.maintain(settings.history().retentionDays());
            if (dropped > 0) {
                LOG.infof("dropped %d gps_ping day partitions past %d days", dropped,
                        settings.history().retentionDays());
            }
        } catch (Exception e) {
            LOG.warnf(e, "gps_ping partition maintenance failed; retrying at the next round");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
    }
}
