package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.DayPlanning;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.Planner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.Future;

/**
 * {@code history --days N}: the N most recent working days before today, oldest first, each booked, planned,
 * published and worked through the real APIs as fast as they answer. Device times are the simulated days' times,
 * in the past, which tech-mobile-api accepts up to 14 days back (fieldcast.mobile.ingest.max-age).
 */
public final class History {

    static final int MOBILE_MAX_AGE_DAYS = 14;

    private final Simulation sim;
    private final Function<DispatchClient, DayPlanning> planning;

    public History(Simulation sim) {
        this(sim, Planner::new);
    }

    /** With another way to plan and publish (a test's stand-in while dispatch has no planning API). */
    public History(Simulation sim, Function<DispatchClient, DayPlanning> planning) {
        this.sim = sim;
        this.planning = planning;
    }

    public Stats run(int days) throws Exception {
        return run(days, null, false);
    }

    /**
     * The {@code days} working days before {@code before} (null: today on the simulation's clock). With
     * {@code skipSimulated}, a day that already has appointments (an earlier run) is left as it is: not re-planned,
     * not sent again.
     */
    public Stats run(int days, LocalDate before, boolean skipSimulated) throws Exception {
        DispatchClient dispatch = sim.dispatch();
        Company company = Company.load(dispatch, sim.settings.territory(), sim.settings.technicians(), sim.habits,
                days);
        LocalDate today = before != null ? before : LocalDate.ofInstant(sim.clock.instant(), company.zone);
        List<LocalDate> dates = pastWorkingDays(company, days, today);
        if (dates.getFirst().isBefore(today.minusDays(MOBILE_MAX_AGE_DAYS - 1)) && !skipSimulated) {
            Log.warn("days older than " + MOBILE_MAX_AGE_DAYS + " days: tech-mobile-api refuses their pings unless "
                    + "FIELDCAST_MOBILE_INGEST_MAX_AGE is raised");
        }
        Log.info("history: " + company.simulated.size() + " technicians of " + company.territory.id() + ", "
                + dates.size() + " days " + dates.getFirst() + " .. " + dates.getLast() + ", seed "
                + sim.settings.seed());
        company.habits.values().forEach(h -> sim.truth.write("habits", h));
        company.markAbsences(dispatch, dates);
        List<String> jobTypes = dispatch.jobTypes();
        DayRunner runner = sim.dayRunner(dispatch, planning.apply(dispatch));
        for (int i = 0; i < dates.size(); i++) {
            long already = skipSimulated ? dispatch.appointmentCount(company.territory.id(), dates.get(i)) : 0;
            if (already > 0) {
                Log.info(Progress.bar(i + 1, dates.size()) + " " + dates.get(i) + "  " + already
                        + " appointments from an earlier run: kept as they are");
                continue;
            }
            List<DayRunner.PhoneDay> phoneDays = runner.prepare(company, dates.get(i), i, jobTypes);
            List<Future<?>> sends = new ArrayList<>();
            for (DayRunner.PhoneDay d : phoneDays) {
                sends.add(sim.pool.submit(() -> send(d)));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            sim.truth.flush();
            Log.info(Progress.bar(i + 1, dates.size()) + " " + dates.get(i) + "  routes " + phoneDays.size()
                    + "  " + Progress.counts(sim.stats));
        }
        return sim.stats;
    }

    private void send(DayRunner.PhoneDay d) {
        Sender sender = new Sender(d.phone(), sim.stats, d.fromPublishedRoute());
        d.outcome().outputs().forEach(sender::send);
        sender.flush();
        var sent = sender.sent();
        sim.truth.write("sent", new SentRecord(d.day().technicianId(), d.day().date(), sent.fixes(),
                sent.fixesAccepted(), sent.fixesRejected(), sent.taps(), sent.tapsRejected()));
    }

    /** What one technician-day's phone sent and how the API answered. */
    public record SentRecord(String technicianId, LocalDate date, long fixes, long fixesAccepted,
                             long fixesRejected, long taps, long tapsRejected) {
    }

    /** The last {@code n} days before {@code today} on which at least one simulated technician has a shift, oldest first. */
    static List<LocalDate> pastWorkingDays(Company company, int n, LocalDate today) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate d = today.minusDays(1);
        for (int guard = 0; dates.size() < n && guard < n * 7 + 7; guard++, d = d.minusDays(1)) {
            LocalDate date = d;
            if (company.simulated.stream().anyMatch(t -> company.shift(t, date) != null)) {
                dates.addFirst(date);
            }
        }
        if (dates.isEmpty()) {
            throw new IllegalStateException("no simulated technician has any shift");
        }
        return dates;
    }
}
