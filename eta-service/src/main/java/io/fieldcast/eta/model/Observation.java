package io.fieldcast.eta.model;

/**
 * One measured value for a technician in a group: a service time in minutes for a job type, or a travel factor
 * (actual / road-network time) for an hour of day ({@code group} = "7" .. "19").
 */
public record Observation(String technician, String group, double value) {

    public Observation {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be positive and finite: " + value);
        }
    }
}
