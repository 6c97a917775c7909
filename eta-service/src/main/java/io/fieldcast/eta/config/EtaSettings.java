package io.fieldcast.eta.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** How eta-service stores history, learns and forecasts. */
@ConfigMapping(prefix = "fieldcast.eta")
public interface EtaSettings {

    History history();

    Training training();

    Forecast forecast();

    Ops ops();

    /** Time zone of the territory: hours of day for travel factors, the nightly training time. */
    @WithDefault("UTC")
    ZoneId zone();

    interface History {
        /** Day partitions of gps_ping older than this are dropped. */
        @WithDefault("90")
        int retentionDays();

        /** Most pings written in one batch insert. */
        @WithDefault("500")
        int batchSize();

        /** How often partitions are created ahead and expired ones dropped. */
        @WithDefault("PT6H")
        Duration maintenanceEvery();

        /** Whether the GPS ingest loop starts (tests of other parts may switch it off). */
        @WithDefault("true")
        boolean ingestEnabled();
    }

    interface Training {
        /** Whether training runs every night. */
        @WithDefault("true")
        boolean nightly();

        /** Local time (in {@code zone}) of the nightly run. */
        @WithDefault("02:30")
        LocalTime nightlyAt();

        /** How many past days of history are mined and learned from. */
        @WithDefault("60")
        int lookbackDays();

        /**
         * How many of the last days the doubt per job ahead ({@link io.fieldcast.eta.model.AheadDoubt}) is learned
         * from: their told first windows, or for days without any, the days lived again, each with a model trained
         * without it, every 5 minutes of every technician's day one forecast (0: none learned).
         */
        @WithDefault("7")
        int aheadDoubtDays();

        /** {@code auto} (choose by held-out pinball loss), {@code shrinkage} or {@code gradient-boost}. */
        @WithDefault("auto")
        String method();
    }

    interface Forecast {
        /** A window is first published when its probability reaches this. */
        @WithDefault("0.93")
        double target();

        /** After that, only a window moving at least this far is published again. */
        @WithDefault("PT15M")
        Duration materialMove();

        /** ... or one whose probability fell by at least this much. */
        @WithDefault("0.1")
        double probabilityDrop();

        /** Width of the announced window. */
        @WithDefault("PT60M")
        Duration windowWidth();

        /** Window starts are on this grid (10:05, not 10:03:17). */
        @WithDefault("PT5M")
        Duration windowGrid();

        /**
         * Told windows bind: a technician never rings before the start of the window the customer was last told
         * (the phone says so; the van waits outside), and the forecaster plans with that. Off: windows are the
         * most likely hour as things come, and far fewer of them can be told an hour ahead (see the README).
         */
        @WithDefault("true")
        boolean toldWindowsBind();

        /**
         * A first window is told only when the technician is expected to stand outside for it at most this long
         * (the price of telling early). 5 minutes bought 0.89 coverage for 9 idle minutes per technician day in
         * {@code ./fieldcast bench eta}. 10 was tried on the running platform (demo, seeds 1-3 at 120x): 0.797
         * coverage and 0.906 hit rate over 106 first windows, against 0.808 and 0.876 over 105 with 5, and as much
         * waiting (2.2-4.7 technician hours a day either way): no gain to show for the longer wait, so 5 (see the eta
         * README, session 20).
         */
        @WithDefault("PT5M")
        Duration maxExpectedWait();

        /**
         * The last chance to tell a first window an hour ahead: while the visit's median arrival is at most this far
         * away, a first window may cost up to {@link #lastChanceMaxWait()} of expected waiting (0: no last chance).
         */
        @WithDefault("PT80M")
        Duration lastChanceLead();

        /** The expected wait a first window told at its last chance may cost (see {@link #lastChanceLead()}). */
        @WithDefault("PT12M")
        Duration lastChanceMaxWait();

        /**
         * The probability a first window told at its last chance may be kept with, when the window that reaches
         * {@link #target()} would cost more than {@link #lastChanceMaxWait()}: the latest window within that wait is
         * told if it reaches this (the customer reads how sure it is); equal to the target: no lower window, the visit
         * waits for a cheaper moment as before. 0.8 from session 23 to 26; 0.85 since: pooled over seven runs of the
         * running platform, first windows announced 0.80-0.85 held 8 of 15 times, those announced 0.85-0.90 32 of 35
         * (see the eta README, session 27).
         */
        @WithDefault("0.85")
        double lastChanceTarget();

        /**
         * A told window moves later only once the probability that it is kept falls below this (1: whenever the hour
         * the arrival is likeliest in lies {@link #materialMove()} later, as before session 24). A window moved at every
         * quarter of an hour the job before ran long walked its customer's window later in steps (ten moves on one
         * demo day) and each step was a wait when the job ended sooner; in {@code ./fieldcast bench eta} 0.5 took three
         * quarters of the moves away (0.81 to 0.20 per visit) with the same hit rate, waiting and last told windows kept
         * (see the eta README, session 24). Earlier moves (a re-plan, a day going faster) are not held back.
         */
        @WithDefault("0.5")
        double moveLaterBelow();

        /**
         * Where a told window goes when it moves: 0 at the hour the arrival is likeliest in; above 0 where a first
         * window goes (the likeliest hour moved later until it holds this probability), within
         * {@link #moveMaxWait()}. Behind a job running long the likeliest hour may hold only 0.4-0.7, so a window
         * moved there was born below the {@link #moveLaterBelow()} that lets the next move through, and moved again
         * at once (five times for one customer of the session-25 pool). 0.7 within 12 minutes: in
         * {@code ./fieldcast bench eta} 0.20 to 0.18 moves per visit for 0.3 more idle minutes per technician-day; on
         * the platform seeds 2 and 3 met every target with it (see the eta README, session 25).
         */
        @WithDefault("0.7")
        double moveTarget();

        /** The expected wait outside a moved window may cost when {@link #moveTarget()} is above 0. */
        @WithDefault("PT12M")
        Duration moveMaxWait();

        /**
         * Once the van has set off for a visit its customer hears "on the way", not windows; the told window moves
         * only when it is lost, kept with a probability below this, and then to the hour around the median arrival,
         * texted as a delay (0: never, the told window breaks silently). A van that set off after a job ran long, or
         * stopped on the way for half an hour, arrived after the window its customer was told with nobody told
         * otherwise (four of the session-25 pool's six arrivals outside the last window told).
         */
        @WithDefault("0.2")
        double onTheWayLateBelow();

        /**
         * A window published and not texted back yet binds the forecast as told for this long: its text is on its way
         * to the customer and the technician's phone (seconds at 1x, two or three simulated minutes at 600x).
         * Without it a window moved earlier bound at the older one until the text came back, and moved back. A
         * publication customer-notify does not text (an immaterial move, the daily limit, quiet hours) stops binding
         * after it. 0: only texts bind.
         */
        @WithDefault("PT10M")
        Duration textInFlight();

        /**
         * A job under way that has run past its usual length is forecast from what the fleet's jobs that ran as long
         * did (the learned job tail, see the README); off: from its own quantiles alone (for comparing the two).
         */
        @WithDefault("true")
        boolean jobTail();

        /**
         * A job under way whose technician said how long it has left ("about 30 minutes", from the phone) is forecast
         * from that read, as far as this technician's reads held before (the learned
         * {@link io.fieldcast.eta.model.TimeLeftReads}); off: from the job's own history alone (for comparing the two).
         */
        @WithDefault("true")
        boolean timeLeft();

        /**
         * Asking the technician: when the next customer's first window cannot be told yet (no window likely enough, or
         * one that would keep the van waiting) and a job the technician is on decides it, the phone asks how long that
         * job still takes ({@code TimeLeftAsked}). Off: the platform reads only the words technicians say unasked.
         */
        @WithDefault("true")
        boolean askTimeLeft();

        /** A customer whose likeliest arrival is at most this far away is worth asking for (see {@link #askTimeLeft}). */
        @WithDefault("PT2H")
        Duration askLead();

        /** At most one question per job in hand this often, and none while a word said this recently stands. */
        @WithDefault("PT30M")
        Duration askEvery();

        /** At most this many questions per job. */
        @WithDefault("3")
        int askMaxPerJob();

        /**
         * On: forecast arrivals are recorded as the platform records them, by the "arrived" tap, the learned lag after
         * the van stops at the door (the report and the demo judge a window by it). Off (the default): at the door.
         * On the running platform (session 28, four runs each way on the same code and seeds) it traded 6.6 points
         * of coverage for 2.7 of hit rate, where the lab and the forecaster's own windows say half a point each: off
         * until that is understood (see the eta README).
         */
        @WithDefault("false")
        boolean tapLag();

        /**
         * Log-odds taken off a first window's probability for every job its technician still has to finish before the
         * visit ({@link io.fieldcast.eta.model.AheadDoubt}): the window is placed later until it is kept with the
         * target probability so discounted, and told at its last chance only if it still reaches the last chance's.
         * Unset (the default): what the model learned from the last days (their told first windows, or the days
         * lived again by {@code AheadBacktest}); 0: the sampled days' share as it is. On the running platform
         * first windows announced about 0.91 held 0.87 with one job ahead, 0.83 with two, 0.70 with three or more
         * (see the eta README, session 29).
         */
        Optional<Double> aheadDoubt();

        /**
         * A told window kept with a probability below this is at risk: the forecast is published (once, until it is
         * safe again) and dispatch re-plans the rest of the day to keep it. Dispatch's
         * {@code fieldcast.plan.told-risk-threshold} should be the same.
         */
        @WithDefault("0.7")
        double toldRisk();

        /**
         * A first window is told only once the technician's route has stood unchanged this long: a route a re-plan
         * just sent may move again, and a window told from it would be broken by the next.
         */
        @WithDefault("PT10M")
        Duration minRouteAge();

        /**
         * A first window is told at most this long before it starts: the customer needs it an hour ahead, and a
         * window told earlier rests on more of the jobs before it. 2 hours was tried in the demo: the hit rate did not
         * rise and "more than 2 h ahead" became the first reason customers got no hour's notice.
         */
        @WithDefault("PT3H")
        Duration maxLead();

        /**
         * How long past the end of their shift a technician works before leaving the rest of the route for another day
         * (the simulated technicians of the demo do the same). A first window that would end later is not told
         * (held "past the shift"): it is a promise nobody keeps, and the customer hears "not today" from the
         * technician's "cannot complete: out of time" instead. Told windows still move as the day runs late.
         */
        @WithDefault("PT90M")
        Duration maxOvertime();

        /** Monte Carlo samples per technician day. */
        @WithDefault("2000")
        int samples();

        /** Every this often all of today's unfinished routes are recomputed (time passes without events); 0 = off. */
        @WithDefault("PT1M")
        Duration sweepEvery();

        /**
         * A technician's phone heard from on shift whose newest fix or tap is older than this (however lately it was
         * received) may be offline, holding taps and fixes it sends once it is back: until something newer is heard
         * the windows its customers were told are neither moved nor signalled at risk on the silence alone (the
         * forecast is still recomputed and stored); first windows are told as before. 0 = silence is time passing, as
         * for a job still going. 10 minutes: in ten runs of the demo, each told window moved later while the
         * phone's news was older than that would have waited seconds to 14 minutes for the next news (45 for a
         * phone offline), before its van came; one such move, with news 13 minutes old, had reached its customer 14 s
         * before the van.
         */
        @WithDefault("PT10M")
        Duration silenceHold();

        /** A GPS fix recomputes a technician's forecasts at most this often. */
        @WithDefault("PT1M")
        Duration pingRecomputeEvery();
    }

    interface Ops {
        /** A cancellation less than this before the booked window starts is a late cancellation. */
        @WithDefault("PT24H")
        Duration lateCancel();

        /** The longest range the operations page reports at once (a quarter). */
        @WithDefault("92")
        int maxDays();

        /** Whether the operations read model's consumer runs (tests of other parts may switch it off). */
        @WithDefault("true")
        boolean ingestEnabled();
    }
}
