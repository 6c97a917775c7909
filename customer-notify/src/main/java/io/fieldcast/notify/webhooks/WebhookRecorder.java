package io.fieldcast.notify.webhooks;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.sql.ArrayColumns;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.platform.sql.ArrayColumns.column;

/**
 * Turns each appointment and visit event into a delivery for every subscription that wants it, in one statement per
 * batch, before the consumer's offsets move on: a receiver that is down, or a subscription that is disabled, only
 * delays its deliveries. A subscription and an event make one delivery at most (a replayed event adds nothing).
 * Disabled subscriptions still collect theirs; deleted ones do not.
 */
@ApplicationScoped
public class WebhookRecorder implements BatchEventHandler {

    record Delivery(UUID subscription, UUID eventId, String type, Instant occurredAt, UUID appointment,
                    String payload, Instant at) {
    }

    private static final ArrayColumns<Delivery> COLUMNS = ArrayColumns.of(
            column("subscription_id", "uuid", Delivery::subscription),
            column("event_id", "uuid", Delivery::eventId),
            column("event_type", "text", Delivery::type),
            column("occurred_at", "timestamptz", Delivery::occurredAt),
            column("appointment_id", "uuid", Delivery::appointment),
            column("payload", "text", Delivery::payload),
            column("next_attempt_at", "timestamptz", Delivery::at),
            column("created_at", "timestamptz", Delivery::at));
    private static final String INSERT = "insert into webhook_delivery (" + COLUMNS.names() + ") select "
            + COLUMNS.names() + " from " + COLUMNS.unnest(1, "v")
            + " on conflict (subscription_id, event_id) do nothing";

    private final Pool pool;
    private final Clock clock;
    private final WebhookDeliverer deliverer;

    public WebhookRecorder(Pool pool, Clock clock, WebhookDeliverer deliverer) {
        this.pool = pool;
        this.clock = clock;
        this.deliverer = deliverer;
    }

    @Override
    public String consumerGroup() {
        return "notify.webhooks";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS, Topics.VISIT_STATUS);
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) {
        List<Delivery> deliveries = Reactive.await(() -> pool.query(
                        "select id, event_types from webhook_subscription where not deleted").execute()
                .map(rows -> {
                    List<Delivery> out = new ArrayList<>();
                    Instant now = clock.instant();
                    for (FieldcastEvent event : events) {
                        String type = WebhookEvents.type(event);
                        if (type == null) {
                            continue;
                        }
                        String body = null;
                        for (Row r : rows) {
                            if (Arrays.asList(r.getArrayOfStrings("event_types")).contains(type)) {
                                body = body == null ? WebhookEvents.body(event) : body;
                                out.add(new Delivery(r.getUUID("id"), event.eventId(), type, event.occurredAt(),
                                        WebhookEvents.appointment(event), body, now));
                            }
                        }
                    }
                    return out;
                }));
        if (!deliveries.isEmpty()) {
            Reactive.await(() -> pool.preparedQuery(INSERT).execute(COLUMNS.arrays(deliveries)));
            deliverer.wake();
        }
    }

}
