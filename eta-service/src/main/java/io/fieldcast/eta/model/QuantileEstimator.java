package io.fieldcast.eta.model;

import java.util.List;

/** Learns p10/p50/p90 of a value per technician and group from observations. */
public interface QuantileEstimator {

    String name();

    Fitted fit(List<Observation> data);

    /** A trained estimator: answers for any technician and group, also ones never seen (the fleet's answer). */
    interface Fitted {
        Quantiles predict(String technician, String group);
    }
}
