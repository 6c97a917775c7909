package io.fieldcast.simulator.api;

import java.time.LocalDate;

/** The "plan the day and publish it" step; {@link Planner} does it through dispatch-service's API. */
@FunctionalInterface
public interface DayPlanning {

    /** True when routes for that territory-day were published (phones will find them); false when it cannot plan. */
    boolean planAndPublish(String territoryId, LocalDate date, int solveSeconds);
}
