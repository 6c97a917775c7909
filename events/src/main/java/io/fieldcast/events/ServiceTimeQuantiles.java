package io.fieldcast.events;

/** Learned service time of one job type for one technician, in minutes, with the number of visits behind it. */
public record ServiceTimeQuantiles(String jobType, double p10Minutes, double p50Minutes, double p90Minutes,
                                   int samples) {
}
