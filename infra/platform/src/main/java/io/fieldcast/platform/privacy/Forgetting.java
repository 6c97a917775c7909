package io.fieldcast.platform.privacy;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every service does alike when it applies {@link CustomerForgotten}, inside the handler's transaction after its
 * own erasing: the published outbox rows that mention the customer or the appointments go (the events are on Kafka,
 * which keeps them 6 days; unpublished rows stay, so nothing accepted is lost), and the service audits
 * {@code FORGOTTEN} with counts, never the data it erased.
 */
@ApplicationScoped
public class Forgetting {

    /** What erased text columns hold once erased (the column stays non-null for the code that reads it). */
    public static final String ERASED = "";

    private final Outbox outbox;
    private final AuditLog audit;

    public Forgetting(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Deletes the outbox rows that mention the customer or the appointments and audits {@code FORGOTTEN} for the
     * customer, with the actor of the event and what {@code erased} counted (e.g. {@code contacts=2}).
     */
    public Uni<Void> finish(CustomerForgotten forgotten, Map<String, Integer> erased) {
        return outbox.erasePublished(mentions(forgotten)).chain(outboxRows -> {
            Map<String, Object> after = new LinkedHashMap<>(erased);
            after.put("outboxRows", outboxRows);
            after.put("appointments", forgotten.appointmentIds());
            return audit.record("customer", forgotten.customerId().toString(), "FORGOTTEN",
                    forgotten.forgottenBy() == null ? "system" : forgotten.forgottenBy(),
                    "CustomerForgotten " + forgotten.eventId(), null, after);
        });
    }

    /** The ids whose mention in a payload marks it as the customer's. */
    public static List<UUID> mentions(CustomerForgotten forgotten) {
        List<UUID> ids = new ArrayList<>(forgotten.appointmentIds());
        ids.add(forgotten.customerId());
        return ids;
    }

    /** A coordinate rounded to two decimals (about a kilometre): the area of a visit, not the home. */
    public static double coarse(double degrees) {
        return Math.round(degrees * 100) / 100.0;
    }
}
