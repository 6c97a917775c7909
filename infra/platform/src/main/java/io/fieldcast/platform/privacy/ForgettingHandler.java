package io.fieldcast.platform.privacy;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;

import java.util.Map;
import java.util.Set;

/**
 * A service's reaction to {@link CustomerForgotten} on the platform's consumer mechanism (so applied once, in one
 * transaction with its processed-event mark): the service erases its share ({@link #erase}), then
 * {@link Forgetting#finish} deletes the published outbox rows that mention the customer and audits {@code FORGOTTEN}.
 */
public interface ForgettingHandler extends EventHandler {

    /** The platform's part of forgetting (inject it). */
    Forgetting forgetting();

    /** Erases what this service holds of the customer and their appointments; returns counts for the audit row. */
    Uni<Map<String, Integer>> erase(CustomerForgotten forgotten);

    @Override
    default Set<String> topics() {
        return Set.of(Topics.CUSTOMERS);
    }

    @Override
    default Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof CustomerForgotten forgotten) || forgotten.customerId() == null) {
            return Uni.createFrom().voidItem();
        }
        return erase(forgotten).chain(erased -> forgetting().finish(forgotten, erased));
    }
}
