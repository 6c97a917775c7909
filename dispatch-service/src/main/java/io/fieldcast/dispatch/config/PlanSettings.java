package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Optimizer and re-planning settings. */
@ConfigMapping(prefix = "fieldcast.plan")
public interface PlanSettings {

    /** Solve time when a dispatcher does not say. */
    @WithDefault("30s")
    Duration solveTime();

    /** Longest solve a dispatcher may ask for. */
    @WithDefault("10m")
    Duration maxSolveTime();

    /** Time limit of an automatic re-plan of today. */
    @WithDefault("2s")
    Duration replanTime();

    /** A re-plan stops early when the best score has not improved for this long. */
    @WithDefault("600ms")
    Duration replanUnimproved();

    /** Visits planned to start before now + freeze keep their technician and order in a re-plan. */
    @WithDefault("30m")
    Duration freeze();

    /** How far past the shift end a route may run (overtime); beyond it is a hard violation. */
    @WithDefault("60m")
    Duration maxOvertime();

    /** A technician arriving or finishing this much later than planned triggers a re-plan of the rest of today. */
    @WithDefault("15m")
    Duration lateThreshold();

    /** Re-plan today automatically on cancellations, absences, emergencies and overruns. */
    @WithDefault("true")
    boolean autoReplan();
}
