package io.fieldcast.dispatch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A technician's learned travel factor per local hour (actual travel / road-network travel, 1.0 = as mapped),
 * from eta-service. Planning and booking multiply road-network legs by the factor of the hour of departure.
 */
@Entity
@Table(name = "learned_travel_factor")
public class LearnedTravelFactor extends PanacheEntityBase {

    public static final int HOURS = 24;
    /**
     * Below half the mapped time a technician would drive twice as fast as the road network's speeds allow: that is
     * a GPS glitch or a handful of odd trips, not how they drive.
     */
    public static final double MIN_FACTOR = 0.5;
    /**
     * Over three times the mapped time is a stop counted as travel or a one-off jam learned from few trips; planning
     * on it would leave the technician's day nearly empty.
     */
    public static final double MAX_FACTOR = 3.0;

    @Id
    @Column(name = "technician_id")
    public String technicianId;
    /** JSON array of 24 factors, index = local hour. */
    @Column(name = "factor_by_hour")
    public String factorByHour;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The factors worth storing, or empty when the list is not one per hour (a model without travel data sends
     * none; any other length cannot say which hour is which, so it is ignored rather than guessed). An hour without
     * a number (NaN, infinite, null: no trips seen then) is as mapped; the rest is clamped to
     * [{@link #MIN_FACTOR}, {@link #MAX_FACTOR}] so one bad hour bends the plan, never breaks it.
     */
    public static Optional<List<Double>> sanitize(List<Double> factorByHour) {
        if (factorByHour == null || factorByHour.size() != HOURS) {
            return Optional.empty();
        }
        List<Double> out = new ArrayList<>(HOURS);
        for (Double f : factorByHour) {
            out.add(f == null || !Double.isFinite(f) ? 1.0 : Math.clamp(f, MIN_FACTOR, MAX_FACTOR));
        }
        return Optional.of(List.copyOf(out));
    }

    /** The stored factors, sanitized again (a row written by hand must not break planning); empty when unusable. */
    public List<Double> factors() {
        return sanitize(Json.doubles(factorByHour)).orElse(List.of());
    }
}
