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

    /**
     * Whether a re-plan asked for by a told window at risk may rearrange that visit's route: everything on it not yet
     * started may move (the visits ahead of it to another technician or behind it, or it to another technician).
     * The rearranged route is kept only when it keeps that visit's promise better. Off (the default), the route up to
     * its last told visit stays as it is, like every other route of a running day: on paired demo days rescuing bought
     * about two points of hit rate for nine of coverage, more re-sent routes and more overtime (dispatch README).
     */
    @WithDefault("false")
    boolean rescueAtRisk();

    /**
     * Whether a visit forecast {@link #rescueLateBy} or more past the end of its booked window (a job ahead running
     * hours long) asks for one re-plan of its own that rescues its route whatever {@link #rescueAtRisk} says, kept
     * only when the visit's promise is kept better. On a 24-technician demo day a told visit behind a 6 h 40 min job
     * was moved later four times and never reached; a re-plan asked for by its told window at risk could not move it
     * off the frozen route. Off by default: on the demo days of session 33 it re-planned more and first windows were
     * told less often (pooled coverage 0.847 against 0.896 before), with the simulator changed in the same runs
     * (dispatch README).
     */
    @WithDefault("false")
    boolean rescueLost();

    /** How far past its booked window a visit's forecast lies before it is lost ({@link #rescueLost}). */
    @WithDefault("60m")
    Duration rescueLateBy();

    /** How far past the shift end a route may run (overtime); beyond it is a hard violation. */
    @WithDefault("60m")
    Duration maxOvertime();

    /**
     * A told window whose forecast probability of being kept (eta-service's {@code probabilityInToldWindow}) falls
     * below this is at risk: the rest of today is re-planned to keep it. Keep equal to eta-service's
     * {@code fieldcast.eta.forecast.told-risk}.
     */
    @WithDefault("0.7")
    double toldRiskThreshold();

    /**
     * Re-plans for told windows at risk run at most this often per territory-day (data time); one arriving sooner
     * waits for the end of the cooldown, merged with the others. Cancellations, absences, emergencies and jobs that
     * cannot be completed re-plan at once.
     */
    @WithDefault("15m")
    Duration replanCooldown();

    /**
     * An automatic re-plan is published only when it beats the plan of record on hard or medium, or by at least this
     * much soft (one soft point is one second of driving; 900 = 15 minutes, or 5 minutes past a told window's end).
     */
    @WithDefault("900")
    long replanMinGain();

    /** Re-plan today automatically on cancellations, absences, emergencies, failed jobs and told windows at risk. */
    @WithDefault("true")
    boolean autoReplan();
}
