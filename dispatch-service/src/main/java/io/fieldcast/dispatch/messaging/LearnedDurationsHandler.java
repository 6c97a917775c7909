package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.LearnedTravelFactor;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LearnedDurations;
import io.fieldcast.events.ServiceTimeQuantiles;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Keeps each technician's learned service times and travel factor by hour, which booking and planning use instead
 * of the job types' defaults and the road network's plain travel times.
 */
@ApplicationScoped
public class LearnedDurationsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(LearnedDurationsHandler.class);

    @Override
    public String consumerGroup() {
        return "dispatch.duration-estimates";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DURATION_ESTIMATES);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof LearnedDurations learned)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ServiceTimeQuantiles q : learned.serviceTimes()) {
            var key = new LearnedDuration.Key(learned.technicianId(), q.jobType());
            chain = chain.chain(() -> LearnedDuration.<LearnedDuration>findById(key).chain(existing -> {
                // An older model's estimate never replaces a newer one (events of one technician are ordered,
                // but a replay after a reset could bring old ones back).
                if (existing != null && existing.updatedAt.isAfter(learned.occurredAt())) {
                    return Uni.createFrom().voidItem();
                }
                LearnedDuration d = existing != null ? existing : new LearnedDuration();
                d.id = key;
                d.p50Min = (float) q.p50Minutes();
                d.p90Min = (float) q.p90Minutes();
                d.samples = q.samples();
                d.modelVersion = learned.modelVersion();
                d.updatedAt = learned.occurredAt();
                return d.persist().replaceWithVoid();
            }));
        }
        return chain.chain(() -> storeTravelFactor(learned));
    }

    private static Uni<Void> storeTravelFactor(LearnedDurations learned) {
        var factors = LearnedTravelFactor.sanitize(learned.travelFactorByHour());
        if (factors.isEmpty()) {
            if (!learned.travelFactorByHour().isEmpty()) {
                LOG.warnf("travel factor of %s (model %s) has %d values, not one per hour: ignored",
                        learned.technicianId(), learned.modelVersion(), learned.travelFactorByHour().size());
            }
            return Uni.createFrom().voidItem(); // keep what was learned before rather than forget it
        }
        return LearnedTravelFactor.<LearnedTravelFactor>findById(learned.technicianId()).chain(existing -> {
            // As for service times: an older model's factor never replaces a newer one.
            if (existing != null && existing.updatedAt.isAfter(learned.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            LearnedTravelFactor f = existing != null ? existing : new LearnedTravelFactor();
            f.technicianId = learned.technicianId();
            f.factorByHour = Json.write(factors.get());
            f.modelVersion = learned.modelVersion();
            f.updatedAt = learned.occurredAt();
            return f.persist().replaceWithVoid();
        });
    }
}
