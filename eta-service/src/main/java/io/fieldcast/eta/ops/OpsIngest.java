package io.fieldcast.eta.ops;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.road.Roads;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.fieldcast.platform.kafka.ProcessedEvents;
import io.fieldcast.platform.reactive.Reactive;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Feeds the operations read model from the events of five topics, on the platform's consumer loop in batches: a
 * quarter of history is hundreds of thousands of events, and a transaction per event would take longer than the
 * history took to happen in a big company. One transaction per poll marks the events processed (the platform's
 * de-duplication, one statement) and applies those seen for the first time; the loop retries a failing batch, splits
 * it and parks the event that fails alone on its dead-letter topic.
 */
@ApplicationScoped
public class OpsIngest implements BatchEventHandler {

    static final String GROUP = "eta.ops";

    private final ProcessedEvents processed;
    private final Pool pool;
    private final EtaSettings settings;
    private final OpsWriter writer;

    public OpsIngest(ProcessedEvents processed, Pool pool, EtaSettings settings, Roads roads) {
        this.processed = processed;
        this.pool = pool;
        this.settings = settings;
        this.writer = new OpsWriter(roads, settings.zone());
    }

    @Override
    public String consumerGroup() {
        return GROUP;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS, Topics.ROUTES, Topics.VISIT_STATUS, Topics.NOTIFICATIONS,
                Topics.SLOT_SEARCHES);
    }

    @Override
    public int maxBatch() {
        return 1000;
    }

    @Override
    public boolean enabled() {
        return settings.ops().ingestEnabled();
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) {
        Reactive.await(() -> pool.withTransaction(db -> applyAll(db, events)));
    }

    private Uni<Void> applyAll(SqlConnection db, List<FieldcastEvent> events) {
        // An id twice in one batch is applied once: remove() answers true the first time only.
        return processed.firstTimes(db, GROUP, events.stream().map(FieldcastEvent::eventId).toList())
                .map(first -> events.stream().filter(e -> first.remove(e.eventId())).toList())
                .chain(fresh -> writer.apply(db, fresh));
    }
}
