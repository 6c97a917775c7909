package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.BreakRule;
import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.model.AheadDoubt;
import io.fieldcast.eta.model.BreakHabit;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.Normal;
import io.fieldcast.eta.model.Quantiles;
import io.fieldcast.eta.model.TapLag;
import io.fieldcast.eta.model.TimeLeftReads;
import io.fieldcast.eta.road.RoadLeg;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Monte Carlo over the rest of a technician's day: the current job's remaining service (its learned distribution
 * conditioned on the time already spent; past its usual length, what the fleet's jobs that ran as long did:
 * {@link io.fieldcast.eta.model.JobTail}), then per remaining visit the road-network drive x a sampled travel factor
 * for that hour, waiting for the promised window to open, and the sampled service. Each sample is one possible
 * day, so the correlation between visits (a long job delays everything after it) is kept, which a sum of
 * independent quantiles would lose. The seed depends on the state only, so an unchanged state gives the same answer.
 *
 * <p>Told windows bind (unless built with {@code promiseTarget} NaN): a technician never rings before the start of
 * the window the customer was last told, so each sample waits for it, and so do the visits after it. A visit not told
 * yet gets the window that, once told and waited for, holds the arrival with probability {@code promiseTarget}: the
 * window with the most probability mass, moved later only as far as needed to reach the target (every minute moved
 * is a minute the technician may stand outside, reported as {@code expectedWaitMinutes}). When the caller says a
 * window will be told now, the visits after it are simulated again with that promise kept, so two windows told in
 * the same moment are consistent with each other.
 */
public final class ArrivalForecaster {

    /** A GPS fix older than this says little about where the van is now. */
    static final Duration FRESH_FIX = Duration.ofMinutes(10);

    private final RoadLeg.Timer roads;
    private final int samples;
    private final Duration windowWidth;
    private final Duration windowGrid;
    private final ZoneId zone;
    private final double promiseTarget;
    private final LastChance lastChance;
    private final MovePlacement moves;
    /** The doubt per job ahead, whatever the model learned; null: the model's. */
    private final AheadDoubt doubt;

    /** Told windows do not bind: the window with the most probability mass, as if nobody waited for a promise. */
    public ArrivalForecaster(RoadLeg.Timer roads, int samples, Duration windowWidth, Duration windowGrid,
                             ZoneId zone) {
        this(roads, samples, windowWidth, windowGrid, zone, Double.NaN);
    }

    public ArrivalForecaster(RoadLeg.Timer roads, int samples, Duration windowWidth, Duration windowGrid,
                             ZoneId zone, double promiseTarget) {
        this(roads, samples, windowWidth, windowGrid, zone, promiseTarget, LastChance.NONE, MovePlacement.LIKELIEST,
                null);
    }

    private ArrivalForecaster(RoadLeg.Timer roads, int samples, Duration windowWidth, Duration windowGrid,
                              ZoneId zone, double promiseTarget, LastChance lastChance, MovePlacement moves,
                              AheadDoubt doubt) {
        this.roads = roads;
        this.samples = samples;
        this.windowWidth = windowWidth;
        this.windowGrid = windowGrid;
        this.zone = zone;
        this.promiseTarget = promiseTarget;
        this.lastChance = lastChance;
        this.moves = moves;
        this.doubt = doubt;
    }

    /**
     * The same forecaster, except that a visit not told yet and at its {@link LastChance} gets, when the window that
     * reaches the target would keep the technician waiting longer than the last chance allows, the latest window
     * within that wait, with the lower probability it has (the publication policy decides whether that is enough).
     */
    public ArrivalForecaster withLastChance(LastChance last) {
        return new ArrivalForecaster(roads, samples, windowWidth, windowGrid, zone, promiseTarget, last, moves,
                doubt);
    }

    /**
     * The same forecaster, except that a told visit's forecast carries where its window goes if it moves
     * ({@link VisitForecast#move()}), placed by {@code placement} rather than at the likeliest hour.
     */
    public ArrivalForecaster withMoves(MovePlacement placement) {
        return new ArrivalForecaster(roads, samples, windowWidth, windowGrid, zone, promiseTarget, lastChance,
                placement, doubt);
    }

    /**
     * A first window is placed and announced as kept with the probability the doubt per job ahead gives for the jobs
     * its technician still has to finish before the visit ({@link AheadDoubt}): later (and longer waited for) or not
     * told yet, where the sampled days alone would tell it. Told windows' probabilities and the windows a move would
     * go to stay the samples' own: the thresholds that re-plan and move them were measured on those. The doubt is the
     * model's ({@link LearnedModel#aheadDoubt()}) unless set here: the same forecaster with {@code ahead} whatever
     * the model learned ({@link AheadDoubt#NONE}: none).
     */
    public ArrivalForecaster withAheadDoubt(AheadDoubt ahead) {
        return new ArrivalForecaster(roads, samples, windowWidth, windowGrid, zone, promiseTarget, lastChance, moves,
                ahead);
    }

    /** The doubt per job ahead this forecaster applies with {@code model}: its own if set, else the model's. */
    public AheadDoubt doubtWith(LearnedModel model) {
        return doubt != null ? doubt : model.aheadDoubt();
    }

    public boolean toldWindowsBind() {
        return !Double.isNaN(promiseTarget);
    }

    public List<VisitForecast> forecast(DayState day, LearnedModel model) {
        return forecast(day, model, f -> false);
    }

    /** {@code toldNow} says which of the returned forecasts the caller will tell the customer right away. */
    public List<VisitForecast> forecast(DayState day, LearnedModel model, Predicate<VisitForecast> toldNow) {
        List<VisitPlan> visits = day.visits();
        int current = -1;
        int lastDone = -1;
        int frontier = -1;
        for (int i = 0; i < visits.size(); i++) {
            VisitProgress p = day.progressOf(visits.get(i).appointmentId());
            if (p.inService()) {
                current = i;
            }
            if (p.finishedAt() != null) {
                lastDone = i;
            }
            if (p.arrivedAt() != null || p.finishedAt() != null) {
                frontier = i;
            }
        }
        // Visits behind the furthest one the technician reached were skipped (or never tapped): not forecast.
        List<Integer> remaining = new ArrayList<>();
        for (int i = frontier + 1; i < visits.size(); i++) {
            VisitProgress p = day.progressOf(visits.get(i).appointmentId());
            if (p.arrivedAt() == null && !p.done()) {
                remaining.add(i);
            }
        }
        if (remaining.isEmpty()) {
            return List.of();
        }
        Origin origin = origin(day, current, lastDone);
        double[] legSeconds = legs(day, remaining, origin);
        double[] promised = new double[remaining.size()];
        Arrays.fill(promised, Double.NaN);
        if (toldWindowsBind()) {
            for (int r = 0; r < remaining.size(); r++) {
                Instant told = day.toldStart(visits.get(remaining.get(r)).appointmentId());
                promised[r] = told == null ? Double.NaN : epoch(told);
            }
        }
        double[][] arrivals = new double[remaining.size()][samples];
        VisitProgress next = day.progressOf(visits.get(remaining.getFirst()).appointmentId());
        BreakHabit habit = model.breakOf(day.technicianId());
        DayState.Break today = breakToday(day.breakToday(), habit);
        // No break before the next visit once the technician left for it, nor while they wait for its window: whether
        // to break was settled when the job before was done, before the usual time.
        Lunch lunch = new Lunch(habit, today, current >= 0 || lastDone >= 0,
                next.enRouteAt() != null || waitingNow(day.breakToday(), today));
        DayPace pace = dayPace(day, model, remaining);
        double overrun = simulate(day, model, current, origin, remaining, legSeconds, promised, lunch, pace,
                arrivals);
        List<VisitForecast> out = new ArrayList<>(remaining.size());
        double tapLag = model.tapLag().meanSeconds();
        AheadDoubt doubting = doubtWith(model);
        for (int r = 0; r < remaining.size(); r++) {
            boolean open = toldWindowsBind() && Double.isNaN(promised[r]);
            // Jobs still to finish before this visit: the ones between, and the one in hand.
            int ahead = r + (current >= 0 ? 1 : 0);
            VisitForecast f = summarize(visits.get(remaining.get(r)), arrivals[r], tapLag, overrun, r, ahead,
                    doubting, open, open || !toldWindowsBind() ? Double.NaN : promised[r] + windowWidth.toSeconds(),
                    day.now());
            out.add(f);
            if (open && toldNow.test(f)) {
                promised[r] = epoch(f.windowStart());
                if (r + 1 < remaining.size()) {
                    // Same seed: the same days, now with this promise kept; only the visits after r change.
                    simulate(day, model, current, origin, remaining, legSeconds, promised, lunch, pace, arrivals);
                }
            }
        }
        return out;
    }

    /**
     * The technician's midday break: the learned habit (null: none learned), today's as the taps show it (null: not
     * seen yet), whether a job was done today before the next drive, and whether that drive already started.
     */
    private record Lunch(BreakHabit habit, DayState.Break today, boolean afterAJob, boolean leftAlready) {

        boolean pending() {
            return habit != null && (today == null || today.end() == null);
        }
    }

    private double simulate(DayState day, LearnedModel model, int current, Origin origin, List<Integer> remaining,
                            double[] legSeconds, double[] promised, Lunch lunch, DayPace pace,
                            double[][] arrivals) {
        Random random = new Random(seed(day));
        // The tap's lag after the van stops, from a stream of its own: learning it changes no other draw.
        TapLag tapLag = model.tapLag();
        Random tapRandom = tapLag.learned() ? new Random(~seed(day)) : null;
        double now = epoch(day.now());
        // What the taps and fixes say holds until the phone's lag before now: the job in hand is known to go on until
        // then, and a drive under way to last that long; after that it may have ended, its taps still on their way.
        double known = epoch(day.knownUntil());
        String tech = day.technicianId();
        Quantiles currentService = null;
        VisitProgress inHand = null;
        double elapsed = 0;
        if (current >= 0) {
            VisitPlan c = day.visits().get(current);
            currentService = model.service(tech, c.jobType(), c.plannedMinutes());
            inHand = day.progressOf(c.appointmentId());
            elapsed = Math.max(0, (known - epoch(inHand.arrivedAt())) / 60);
        }
        double turnaround = 60 * model.turnaroundOf(tech);
        Quantiles[] service = new Quantiles[remaining.size()];
        int[] paceOf = new int[remaining.size()];
        for (int r = 0; r < remaining.size(); r++) {
            VisitPlan v = day.visits().get(remaining.get(r));
            service[r] = model.service(tech, v.jobType(), v.plannedMinutes());
            paceOf[r] = pace.indexOf(String.valueOf(v.jobType()));
        }
        double[] paceZ = new double[pace.dimensions()];
        boolean stopsLearned = model.stops().learned();
        for (int s = 0; s < samples; s++) {
            // Drawn whether used or not, so a promise that moves the break keeps every other draw the same.
            double breakU = lunch.pending() ? uniform(random) : 0;
            double breakAfterU = lunch.pending() ? uniform(random) : 0;
            boolean breakTaken = !lunch.pending();
            double t;
            if (currentService != null) {
                // Still busy: the job lasts at least what it has lasted. Its end is read from what the technician
                // said is left, as far as their reads held; else sampled from the rest of its distribution (past its
                // usual length, what the fleet's jobs that ran that long did).
                double u = uniform(random);
                double said = saidEnd(inHand.timeLeft(), model, tech, known, u);
                if (Double.isNaN(said)) {
                    double total = model.jobTail().total(currentService, elapsed, u);
                    said = epoch(inHand.arrivedAt()) + total * 60;
                }
                t = Math.max(said, known);
            } else {
                t = origin.departAt;
            }
            // One draw per sample for the technician and each job type: what the learned medians may be off by today.
            for (int c = 0; c < paceZ.length; c++) {
                paceZ[c] = Normal.inverseCdf(uniform(random));
            }
            double[] offsets = pace.offsets(paceZ);
            boolean afterJob = currentService != null || origin.packing();
            for (int r = 0; r < remaining.size(); r++) {
                VisitPlan v = day.visits().get(remaining.get(r));
                if (!breakTaken) {
                    double resumed = breakEnd(lunch, r, t, now, breakU, breakAfterU);
                    if (!Double.isNaN(resumed)) {
                        // A break is learned from the job done to the van leaving: packing up is in it.
                        t = resumed;
                        breakTaken = true;
                        afterJob = false;
                    }
                }
                if (afterJob) {
                    t += turnaround;
                }
                int hour = Instant.ofEpochSecond((long) t).atZone(zone).getHour();
                Quantiles traffic = model.travelFactor(tech, hour);
                double u = uniform(random);
                if (r == 0 && known > t && legSeconds[r] > 0) {
                    // Driving since t and not there by what is known: only drives longer than that are possible.
                    double floorU = traffic.cdf((known - t) / legSeconds[r]);
                    u = Math.min(floorU + (1 - floorU) * u, 0.9999);
                }
                t += legSeconds[r] * traffic.quantile(u);
                if (stopsLearned) {
                    // A stop on the way (fuel, a coffee, parts): drawn whether it happens or not, for stable streams.
                    double stop = 60 * model.stops().minutesOf(tech, uniform(random), uniform(random));
                    if (legSeconds[r] > 0) {
                        t += stop;
                    }
                }
                if (r == 0) {
                    t = Math.max(t, now);
                }
                if (v.windowStart() != null) {
                    t = Math.max(t, epoch(v.windowStart()));
                }
                if (!Double.isNaN(promised[r])) {
                    t = Math.max(t, promised[r]);
                }
                // Recorded as the platform records it, by the "arrived" tap: the job starts at the door all the same.
                arrivals[r][s] = tapRandom == null ? t : t + tapLag.secondsAt(tapRandom.nextDouble());
                // Its upper tail the fleet's: a job not started yet may still be one that runs into trouble.
                double own = model.jobTail().quantile(service[r], uniform(random));
                t += 60 * pace.paced(service[r].p50(), own, offsets, paceOf[r]);
                afterJob = true;
            }
        }
        if (currentService == null) {
            return 0;
        }
        // How long the job in hand runs past its usual length: as far as it has, or as the technician's word says.
        double said = saidEnd(inHand.timeLeft(), model, tech, known, 0.5);
        double saidTotal = Double.isNaN(said) ? 0 : (said - epoch(inHand.arrivedAt())) / 60;
        return Math.max(elapsed, saidTotal) - currentService.p50();
    }

    /**
     * When the job in hand ends, drawn at level {@code u} from the technician's read of the time left ({@code read},
     * said by now) as far as their reads held (epoch seconds); NaN without a read, with nothing learned of reads, or
     * once the read is outrun ({@link TimeLeftReads#wentOn}).
     */
    static double saidEnd(VisitProgress.TimeLeft read, LearnedModel model, String technician, double now, double u) {
        if (read == null) {
            return Double.NaN;
        }
        double saidAt = epoch(read.saidAt());
        double wentOn = model.timeLeft().wentOn(technician, read.minutes(), (now - saidAt) / 60, u);
        return Double.isNaN(wentOn) ? Double.NaN : saidAt + wentOn * 60;
    }

    /**
     * The technician's pace today: the learned quantiles of every job type of the day (the remaining visits' first),
     * and what today's completed jobs said of them. The state's alone, so made once per forecast.
     */
    private static DayPace dayPace(DayState day, LearnedModel model, List<Integer> remaining) {
        String tech = day.technicianId();
        Map<String, Quantiles> byType = new HashMap<>();
        for (int r : remaining) {
            VisitPlan v = day.visits().get(r);
            byType.computeIfAbsent(String.valueOf(v.jobType()),
                    k -> model.service(tech, v.jobType(), v.plannedMinutes()));
        }
        for (VisitPlan v : day.visits()) {
            byType.computeIfAbsent(String.valueOf(v.jobType()),
                    k -> model.service(tech, v.jobType(), v.plannedMinutes()));
        }
        return DayPace.of(byType, model.serviceJobsOf(tech), finishedMinutesByJobType(day));
    }

    /** Minutes of each job finished today (arrived to done), by job type: what today says of the learned medians. */
    private static Map<String, List<Double>> finishedMinutesByJobType(DayState day) {
        Map<String, List<Double>> out = new HashMap<>();
        for (VisitPlan v : day.visits()) {
            VisitProgress p = day.progressOf(v.appointmentId());
            if (p.completed() && p.arrivedAt() != null && p.finishedAt().isAfter(p.arrivedAt())
                    && !p.finishedAt().isAfter(day.now())) {
                out.computeIfAbsent(String.valueOf(v.jobType()), k -> new ArrayList<>())
                        .add(Duration.between(p.arrivedAt(), p.finishedAt()).toSeconds() / 60.0);
            }
        }
        return out;
    }

    /**
     * When the van leaves for remaining visit {@code r} if the break comes first, or NaN when it does not: a break
     * under way goes on (its length conditioned on what it lasted so far); otherwise it is taken at the first gap
     * between jobs after the technician's usual time, never before the day's first job nor once the van set off.
     * The usual time is learned from a few days (the earliest break seen, shrunk toward the fleet's), and the real
     * one may lie well on either side of it: each sample puts it anywhere within {@link #breakSlackMinutes} of the
     * learned minute ({@code afterU}), so a job ending just before or just after it is no sure "no break first" or
     * "break first" (windows told at 100 % broke by a whole break either way).
     */
    private double breakEnd(Lunch lunch, int r, double departure, double now, double u, double afterU) {
        Quantiles minutes = lunch.habit().minutes();
        if (r == 0 && lunch.today() != null) {
            double start = epoch(lunch.today().start());
            double lasted = Math.max(0, (now - start) / 60);
            double floor = minutes.cdf(lasted);
            double total = Math.max(lasted, minutes.quantile(Math.min(floor + (1 - floor) * u, 0.9999)));
            return Math.max(departure, start + total * 60);
        }
        if (r == 0 && (!lunch.afterAJob() || lunch.leftAlready())) {
            return Double.NaN;
        }
        double slack = breakSlackMinutes(lunch.habit());
        double after = lunch.habit().afterMinute() - slack + 2 * slack * afterU;
        if (BreakRule.localMinute(Instant.ofEpochSecond((long) departure), zone) < after) {
            return Double.NaN;
        }
        return departure + 60 * minutes.quantile(u);
    }

    /**
     * Which of today's gaps was the break: the first one, unless it may have been a wait for the next customer's
     * window and began before the technician's usual break time (less its slack, {@link #breakSlackMinutes}): then
     * the break is still to come, or a later gap. A wait at the usual time is taken as the break (a technician early
     * at lunchtime eats while waiting). Null: no break yet.
     */
    DayState.Break breakToday(DayState.Break first, BreakHabit habit) {
        DayState.Break gap = first;
        while (gap != null && habit != null && gap.forWindow()
                && BreakRule.localMinute(gap.start(), zone) < habit.afterMinute() - breakSlackMinutes(habit)) {
            gap = gap.later();
        }
        return gap;
    }

    /** Whether a gap passed over as a wait ({@link #breakToday}) is still going: the technician waits right now. */
    static boolean waitingNow(DayState.Break first, DayState.Break chosen) {
        for (DayState.Break gap = first; gap != null && gap != chosen; gap = gap.later()) {
            if (gap.end() == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far from the learned usual time the real one may be, either way. The earliest of n days' first gaps after it
     * lies about a job's length / (n + 1) after it, and few days lean on the fleet's time: on the demo's five days of
     * history (2-4 breaks seen per technician) the learned time missed the simulator's by -79 to +116 minutes, 80 %
     * of them within about 35 minutes either way. 120 minutes / (n + 1), 20 to 40 minutes in all.
     */
    static double breakSlackMinutes(BreakHabit habit) {
        return Math.clamp(120.0 / (Math.max(0, habit.days()) + 1), 20, 40);
    }

    /**
     * {@code toldEnd}: end of the window the customer was told (told windows are as wide as ours), NaN if none;
     * {@code tapLag}: the mean seconds by which the recorded {@code arrivals} follow the van at the door.
     */
    private VisitForecast summarize(VisitPlan visit, double[] arrivals, double tapLag, double overrun,
                                    int visitsBefore, int ahead, AheadDoubt doubting, boolean toPromise,
                                    double toldEnd, Instant now) {
        double[] sorted = arrivals.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2];
        double width = windowWidth.toSeconds();
        double grid = windowGrid.toSeconds();
        double firstStart = Math.floor(sorted[0] / grid) * grid;
        double bestStart = firstStart;
        int bestCount = -1;
        double lastStart = Double.NaN;
        for (double a : sorted) {
            double start = Math.floor(a / grid) * grid;
            if (start == lastStart) {
                continue;
            }
            lastStart = start;
            int count = countIn(sorted, start, start + width);
            if (count > bestCount) {
                bestCount = count;
                bestStart = start;
            }
        }
        double probability = (double) bestCount / sorted.length;
        double waitMinutes = 0;
        VisitForecast.Window move = null;
        if (toPromise) {
            // Told, the window holds every arrival before its end (the early ones wait): move it later, on the
            // grid, until that share reaches the target.
            double start = startReaching(sorted, bestStart, doubting.shareFor(promiseTarget, ahead));
            waitMinutes = waitMinutes(sorted, start, tapLag);
            if (lastChance.lowersTarget(promiseTarget) && lastChance.applies(instant(p50), now)) {
                // The last chance to give an hour's notice: no longer a wait than it allows, the window earlier and
                // less sure instead (never earlier than the first arrival: that wait is none).
                start = earlierWithin(sorted, start, firstStart, lastChance.maxWait(), tapLag);
                waitMinutes = waitMinutes(sorted, start, tapLag);
            }
            bestStart = start;
            probability = doubting.kept((double) lowerBound(sorted, start + width) / sorted.length, ahead);
        } else if (!Double.isNaN(toldEnd) && moves.placed()) {
            // Told already: the window stays the likeliest hour (whether the told window moves is judged on it), but
            // were it to move it would go where a first window goes, within the wait a move may cost and never before
            // the likeliest hour, so that a job running long does not walk the customer's window later a quarter of
            // an hour at a time.
            double start = earlierWithin(sorted, startReaching(sorted, bestStart, moves.target()), bestStart,
                    moves.maxWait(), tapLag);
            move = new VisitForecast.Window(instant(start), instant(start + width),
                    (double) lowerBound(sorted, start + width) / sorted.length);
        }
        Instant planned = visit.plannedArrival();
        double behind = planned == null ? 0 : (p50 - epoch(planned)) / 60;
        return new VisitForecast(visit.appointmentId(), instant(p50), instant(bestStart), instant(bestStart + width),
                probability, planned, visit.windowStart(), visit.windowEnd(), Math.max(0, overrun), behind,
                visitsBefore, waitMinutes,
                Double.isNaN(toldEnd) ? Double.NaN : (double) upperBound(sorted, toldEnd) / sorted.length, move);
    }

    /**
     * The earliest window on the grid, from {@code from} on, that holds at least {@code target} of the arrivals once
     * told (those before its start wait for it).
     */
    private double startReaching(double[] sorted, double from, double target) {
        double width = windowWidth.toSeconds();
        double grid = windowGrid.toSeconds();
        int needed = (int) Math.ceil(target * sorted.length);
        double start = Math.max(from, Math.floor((sorted[Math.max(0, needed - 1)] - width) / grid) * grid);
        while (lowerBound(sorted, start + width) < needed) {
            start += grid;
        }
        return start;
    }

    /** {@code start} moved earlier on the grid, no earlier than {@code floor}, until its expected wait is at most that. */
    private double earlierWithin(double[] sorted, double start, double floor, Duration maxWait, double tapLag) {
        double grid = windowGrid.toSeconds();
        double cap = maxWait.toSeconds() / 60.0;
        while (waitMinutes(sorted, start, tapLag) > cap && start - grid >= floor) {
            start -= grid;
        }
        return start;
    }

    /**
     * Minutes a technician is expected to wait for a told window starting at {@code start} (early samples wait): from
     * the van at the door, which the recorded arrivals follow by {@code tapLag} seconds on average.
     */
    private static double waitMinutes(double[] sorted, double start, double tapLag) {
        double waited = 0;
        double door = start + tapLag;
        for (int i = 0, early = lowerBound(sorted, door); i < early; i++) {
            waited += door - sorted[i];
        }
        return waited / sorted.length / 60;
    }

    /** Samples at or before {@code value}. */
    private static int upperBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Samples in [from, to). */
    static int countIn(double[] sorted, double from, double to) {
        return lowerBound(sorted, to) - lowerBound(sorted, from);
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code packing}: {@code departAt} is a job's end, so the van leaves a turnaround later. */
    private record Origin(double lat, double lon, double departAt, boolean packing) {

        Origin(double lat, double lon, double departAt) {
            this(lat, lon, departAt, false);
        }
    }

    /**
     * Where and when the next drive started: at the current job (when it ends), else at a fresh GPS fix, else at the
     * last finished visit when it finished, else at home at the shift start. The drive may be under way already; the
     * simulation then only keeps arrivals after now.
     */
    private Origin origin(DayState day, int current, int lastDone) {
        double now = epoch(day.now());
        double shiftStart = day.shiftStart() == null ? now : epoch(day.shiftStart());
        if (current >= 0) {
            VisitPlan c = day.visits().get(current);
            return new Origin(c.lat(), c.lon(), now);
        }
        DayState.Fix fix = day.lastFix();
        if (fix != null && Duration.between(fix.time(), day.now()).compareTo(FRESH_FIX) <= 0
                && !fix.time().isAfter(day.now())) {
            return new Origin(fix.lat(), fix.lon(), Math.max(epoch(fix.time()), shiftStart));
        }
        if (lastDone >= 0) {
            VisitPlan d = day.visits().get(lastDone);
            Instant finished = day.progressOf(d.appointmentId()).finishedAt();
            return new Origin(d.lat(), d.lon(), finished == null ? now : Math.min(now, epoch(finished)),
                    finished != null);
        }
        return new Origin(day.startLat(), day.startLon(), shiftStart);
    }

    private double[] legs(DayState day, List<Integer> remaining, Origin origin) {
        double[] legs = new double[remaining.size()];
        double lat = origin.lat;
        double lon = origin.lon;
        Map<String, Double> cache = new HashMap<>();
        for (int r = 0; r < remaining.size(); r++) {
            VisitPlan v = day.visits().get(remaining.get(r));
            double fLat = lat;
            double fLon = lon;
            double s = cache.computeIfAbsent(fLat + "," + fLon + ">" + v.lat() + "," + v.lon(),
                    k -> roads.leg(fLat, fLon, v.lat(), v.lon()).seconds());
            legs[r] = Double.isFinite(s) ? s : 0;
            lat = v.lat();
            lon = v.lon();
        }
        return legs;
    }

    private static long seed(DayState day) {
        return day.technicianId().hashCode() * 31L + day.planVersion() * 1_000_003L + day.date().toEpochDay();
    }

    private static double uniform(Random random) {
        return Math.clamp(random.nextDouble(), 1e-6, 1 - 1e-6);
    }

    private static double epoch(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static Instant instant(double epochSeconds) {
        return Instant.ofEpochSecond(Math.round(epochSeconds));
    }
}
