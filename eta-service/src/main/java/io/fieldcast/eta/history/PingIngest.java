package io.fieldcast.eta.history;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventDeserializer;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes fieldcast.tech-locations in batches: one poll = one batch insert, offsets committed after it. The
 * platform's per-event consumer loop would cost one transaction per ping, which GPS volume cannot afford; replays are
 * absorbed by the table's key instead of processed-event rows. Also runs partition maintenance and retention.
 */
@ApplicationScoped
public class PingIngest {

    private static final Logger LOG = Logger.getLogger(PingIngest.class);
    static final String GROUP = "eta.ping-history";

    private final PingStore store;
    private final PingListener listener;
    private final EtaSettings settings;
    private final KafkaSettings kafka;
    private volatile boolean running = true;
    private KafkaConsumer<String, Decoded> consumer;
    private Thread thread;
    private ScheduledExecutorService maintenance;

    /** Told about the newest fix per technician after each stored batch (forecasts follow the van). */
    public interface PingListener {
        void stored(Map<String, LocationPing> newestByTechnician);
    }

    public PingIngest(PingStore store, PingListener listener, EtaSettings settings, KafkaSettings kafka) {
        this.store = store;
        this.listener = listener;
        this.settings = settings;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent startup) {
        maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("gps-partitions").factory());
        long every = settings.history().maintenanceEvery().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, 0, every, TimeUnit.MILLISECONDS);
        if (!settings.history().ingestEnabled() || !kafka.consumersEnabled()) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-" + GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.history().batchSize(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventDeserializer());
        thread = Thread.ofPlatform().name("consumer-" + GROUP).start(this::run);
        LOG.infof("consumer %s listens to %s in batches of %d", GROUP, Topics.TECH_LOCATIONS,
                settings.history().batchSize());
    }

    private void maintain() {
        try {
            int dropped = store.maintain(settings.history().retentionDays());
            if (dropped > 0) {
                LOG.infof("dropped %d gps_ping day partitions past %d days", dropped,
                        settings.history().retentionDays());
            }
        } catch (Exception e) {
            LOG.warnf(e, "gps_ping partition maintenance failed; retrying at the next round");
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.TECH_LOCATIONS));
            while (running) {
                ConsumerRecords<String, Decoded> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<LocationPing> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, Decoded> r : records) {
                    // An undecodable ping is skipped: one garbled fix must not stall every technician's trace.
                    if (r.value() instanceof Decoded.Event(LocationPing ping)) {
                        batch.add(ping);
                    }
                }
                Map<String, LocationPing> newest = storeWithRetry(batch);
                if (!running) {
                    break;      // not stored: leave the offsets for the next owner
                }
                consumer.commitSync();
                if (!newest.isEmpty()) {
                    listener.stored(newest);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private Map<String, LocationPing> storeWithRetry(List<LocationPing> batch) throws InterruptedException {
        long backoff = kafka.retryBackoff().toMillis();
        while (running) {
            try {
                return store.store(batch);
            } catch (Exception e) {
                LOG.warnf(e, "storing %d pings failed, retrying in %d ms", batch.size(), backoff);
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, kafka.maxRetryBackoff().toMillis());
            }
        }
        return Map.of();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        if (consumer != null) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}
