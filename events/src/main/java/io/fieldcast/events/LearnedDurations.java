package io.fieldcast.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What eta-service learned about one technician, for the optimizer: service-time quantiles per job type
 * and a travel factor per hour of day (actual travel / road-network travel; index 0..23, 1.0 = as mapped).
 */
public record LearnedDurations(UUID eventId, Instant occurredAt, int schemaVersion,
                               String technicianId, String modelVersion,
                               List<ServiceTimeQuantiles> serviceTimes, List<Double> travelFactorByHour)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public LearnedDurations {
        serviceTimes = serviceTimes == null ? List.of() : List.copyOf(serviceTimes);
        travelFactorByHour = travelFactorByHour == null ? List.of() : List.copyOf(travelFactorByHour);
    }

    @Override
    public String topic() {
        return Topics.DURATION_ESTIMATES;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
