package io.fieldcast.simulator.run;

import io.fieldcast.platform.time.SharedClock;
import io.fieldcast.simulator.api.DayPlanning;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.Planner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code live --speed X}: one day (today by default) booked, planned and published, then worked through the same
 * APIs on an accelerated clock, so forecasts, re-plans and texts happen as they would during a real day. Phones
 * look at their route every 15 simulated minutes and follow a newer plan version ({@link Replanner}).
 */
public final class Live {

    private final Simulation sim;
    private final Function<DispatchClient, DayPlanning> planning;

    public Live(Simulation sim) {
        this(sim, Planner::new);
    }

    /** With another way to plan and publish (a test's stand-in while dispatch has no planning API). */
    public Live(Simulation sim, Function<DispatchClient, DayPlanning> planning) {
        this.sim = sim;
        this.planning = planning;
    }

    public Stats run(LocalDate dateOrNull, double speed) throws Exception {
        DispatchClient dispatch = sim.dispatch();
        Company company = Company.load(dispatch, sim.settings.territory(), sim.settings.technicians(), sim.habits, 1);
        LocalDate date = dateOrNull != null ? dateOrNull : LocalDate.ofInstant(sim.clock.instant(), company.zone);
        Log.info("live: " + company.simulated.size() + " technicians of " + company.territory.id() + " on " + date
                + " at " + speed + "x, seed " + sim.settings.seed());
        company.habits.values().forEach(h -> sim.truth.write("habits", h));
        company.markAbsences(dispatch, List.of(date));
        DayRunner runner = sim.dayRunner(dispatch, planning.apply(dispatch));
        List<DayRunner.PhoneDay> days = runner.prepare(company, date, 0, dispatch.jobTypes());
        sim.truth.flush();
        if (days.isEmpty()) {
            Log.warn("no technician has a route on " + date);
            return sim.stats;
        }
        List<Replay.Lane> lanes = new ArrayList<>();
        List<Replanner.Tracked> tracked = new ArrayList<>();
        for (DayRunner.PhoneDay d : days) {
            // A technician following the published route who goes home sick calls the dispatcher ({@link Replanner}).
            Replay.Lane lane = new Replay.Lane(d.phone(), sim.stats, d.fromPublishedRoute(),
                    d.fromPublishedRoute() ? Replanner.withoutSickTaps(d.outcome()) : d.outcome().outputs());
            lanes.add(lane);
            if (d.fromPublishedRoute()) {
                company.simulated.stream().filter(t -> t.id().equals(d.day().technicianId())).findFirst()
                        .ifPresent(t -> tracked.add(new Replanner.Tracked(lane, t, d)));
            }
        }
        Replanner replanner = new Replanner(company, sim.engine, sim.truth, tracked,
                (technician, day, note) -> dispatch.absence(technician, day, day, "SICK", note), sim.stats);
        Instant start = days.stream().map(d -> d.day().shiftStart()).min(Comparator.naturalOrder()).orElseThrow()
                .minusSeconds(300);
        // A safety net only: the replay ends when every phone has sent everything and no re-plan gave it more.
        Instant end = days.stream().map(d -> d.outcome().day().backHomeAt()).max(Comparator.naturalOrder())
                .orElseThrow().plus(Duration.ofHours(12));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm")
                .withZone(company.zone);
        replay(start, speed).run(lanes, end, now -> Log.info("  " + hhmm.format(now) + "  "
                        + Progress.counts(sim.stats)),
                replanner::onTick, Replanner.CHECK_EVERY.multipliedBy(2));
        return sim.stats;
    }

    /** The day's replay: on its own accelerated clock, or on the services' shared clock (set here when driven). */
    private Replay replay(Instant start, double speed) {
        if (!(sim.clock instanceof SharedClock shared)) {
            return new Replay(start, speed, sim.pool);
        }
        if (sim.drivesClock) {
            Instant now = shared.instant();
            Instant from = now.isAfter(start) ? now : start;
            SharedClock.write(shared.file(), from, speed, Clock.systemUTC());
            Log.info("clock: " + from + " at " + speed + "x");
        }
        return Replay.following(shared, sim.pool);
    }
}
