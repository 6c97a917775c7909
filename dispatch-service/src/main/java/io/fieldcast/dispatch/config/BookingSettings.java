package io.fieldcast.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How booking offers and sells capacity. */
@ConfigMapping(prefix = "fieldcast.booking")
public interface BookingSettings {

    /** A window must start at least this long after now to be offered or booked. */
    @WithDefault("PT1H")
    Duration minLeadTime();

    /** Longest date range one slot query may cover. */
    @WithDefault("14")
    int maxSlotDays();

    /** How many alternative slots a 409 (no capacity) answer carries. */
    @WithDefault("5")
    int alternatives();

    /** Shortest and longest promised window a dispatcher may book. */
    @WithDefault("PT1H")
    Duration minWindow();

    @WithDefault("PT12H")
    Duration maxWindow();

    /**
     * How long a day read for slot searches is used before the first search after it reads it anew, for changes made
     * elsewhere (another instance, a published plan, a visit's status); a change made on this instance is seen at
     * once. The searches of many customers at once share one read.
     */
    @WithDefault("PT1S")
    Duration slotDayTtl();

    /**
     * How often each instance publishes the slot searches it counted (SlotSearches, the operations page's funnel);
     * what a killed instance had counted since is lost, nothing else.
     */
    @WithDefault("PT1M")
    Duration searchTallyEvery();

    /** Technicians tried per new visit: those whose day passes closest to it. */
    @WithDefault("12")
    int candidateTechnicians();
}
