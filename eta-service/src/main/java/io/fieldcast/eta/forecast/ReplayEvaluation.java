package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.report.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lives days whose randomness is drawn in advance (each leg's road time and traffic luck, each job's true length)
 * through the forecaster and the publication policy, the way the service would (a recompute at every tap and every
 * few minutes of GPS), and scores what customers were told: for each visit the first window published, whether it
 * was sent at least {@code minLead} before the arrival (coverage), and whether the arrival fell inside it (hit rate).
 *
 * <p>The loop is closed: when told windows bind (the forecaster's mode), a technician who parks before the start of
 * the window the customer was last told waits outside until it opens, which delays the rest of the day; the idle
 * minutes this costs are counted ({@code idleMinutesPerDay}). The baseline lives the same days with the windows a
 * plan alone gives: centred on the plan's road-network arrival, told an hour before the shift, kept the same way.
 */
public final class ReplayEvaluation {

    /** One visit of a day and its luck: the road-network drive to it, the traffic draw, the job's true length. */
    public record TrueVisit(VisitPlan plan, double roadSeconds, double travelNoise, double serviceMinutes) {
    }

    /** The technician's true travel factor for a leg leaving at {@code departure} with this luck. */
    public interface Traffic {
        double factor(Instant departure, double noise);
    }

    public record TrueDay(String technicianId, LocalDate date, double startLat, double startLon,
                          Instant shiftStart, List<TrueVisit> visits, Traffic traffic) {
    }

    public record Result(int visits, double coverage, double hitRate, double leadMinutesP50, double maeMinutes,
                         double baselineHitRate, double finalHitRate, String calibration, List<Outcome> outcomes,
                         double idleMinutesPerDay, double baselineIdleMinutesPerDay, double dayMinutes,
                         double movesPerVisit) {

        public String line(String label) {
            return "BENCH eta %s visits=%d coverage=%.3f hit_rate=%.3f lead_min_p50=%.0f mae_min=%.1f "
                    .formatted(label, visits, coverage, hitRate, leadMinutesP50, maeMinutes)
                    + "baseline_hit_rate=%.3f final_hit_rate=%.3f idle_min_per_day=%.1f day_min=%.0f ".formatted(
                    baselineHitRate, finalHitRate, idleMinutesPerDay, dayMinutes)
                    + "moves_per_visit=%.3f".formatted(movesPerVisit);
        }
    }

    private final ArrivalForecaster forecaster;
    private final PublicationPolicy policy;
    private final Duration tick;
    private final Duration minLead;
    private final Duration width;

    public ReplayEvaluation(ArrivalForecaster forecaster, PublicationPolicy policy, Duration tick, Duration minLead,
                            Duration width) {
        this.forecaster = forecaster;
        this.policy = policy;
        this.tick = tick;
        this.minLead = minLead;
        this.width = width;
    }

    public Result evaluate(List<TrueDay> days, LearnedModel model) {
        int visits = 0;
        int covered = 0;
        int hits = 0;
        int baselineHits = 0;
        int finalHits = 0;
        double absError = 0;
        double idle = 0;
        double baselineIdle = 0;
        double dayMinutes = 0;
        int moves = 0;
        List<Double> leads = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        double[] announced = new double[CALIBRATION_EDGES.length];
        int[] observed = new int[CALIBRATION_EDGES.length];
        int[] counted = new int[CALIBRATION_EDGES.length];
        Map<UUID, String> held = new HashMap<>();
        for (TrueDay day : days) {
            Lived lived = live(day, (state, last) -> told(state, model, last, held));
            Lived baseline = live(day, this::planCentred);
            idle += lived.idleMinutes();
            baselineIdle += baseline.idleMinutes();
            moves += lived.moves();
            dayMinutes += Duration.between(day.shiftStart(), lived.finished()[day.visits().size() - 1]).toSeconds()
                    / 60.0;
            for (int i = 0; i < day.visits().size(); i++) {
                visits++;
                UUID id = day.visits().get(i).plan().appointmentId();
                Sent b = baseline.first().get(id);
                if (b != null && inside(baseline.arrived()[i], b.start)) {
                    baselineHits++;
                }
                Instant arrived = lived.arrived()[i];
                Sent s = lived.first().get(id);
                outcomes.add(s == null
                        ? new Outcome(id, day.technicianId(), null, null, null, null, null, arrived, model.version(),
                                held.get(id))
                        : new Outcome(id, day.technicianId(), s.at, s.start, s.start.plus(width), s.probability, s.p50,
                                arrived, model.version(), held.get(id)));
                if (s == null || Duration.between(s.at, arrived).compareTo(minLead) < 0) {
                    continue;
                }
                covered++;
                leads.add(Duration.between(s.at, arrived).toSeconds() / 60.0);
                absError += Math.abs(Duration.between(s.p50, arrived).toSeconds()) / 60.0;
                int bucket = bucket(s.probability);
                announced[bucket] += s.probability;
                counted[bucket]++;
                if (inside(arrived, s.start)) {
                    hits++;
                    observed[bucket]++;
                }
                if (inside(arrived, lived.last().get(id).start)) {
                    finalHits++;
                }
            }
        }
        leads.sort(Double::compare);
        int n = Math.max(1, days.size());
        return new Result(visits, (double) covered / Math.max(1, visits), (double) hits / Math.max(1, covered),
                leads.isEmpty() ? 0 : leads.get(leads.size() / 2), absError / Math.max(1, covered),
                (double) baselineHits / Math.max(1, visits), (double) finalHits / Math.max(1, covered),
                calibration(announced, observed, counted), List.copyOf(outcomes), idle / n, baselineIdle / n,
                dayMinutes / n, (double) moves / Math.max(1, visits));
    }

    /**
     * What the forecaster and the policy tell at this moment (first windows and material moves); {@code held} gets,
     * per visit still an hour or more away and not told, why not (the last reason wins, as in the service).
     */
    private List<Sent> told(DayState state, LearnedModel model, Map<UUID, Sent> last, Map<UUID, String> held) {
        List<Sent> out = new ArrayList<>();
        for (VisitForecast f : forecaster.forecast(state, model, f -> policy.tellable(f, state.now()))) {
            Sent previous = last.get(f.appointmentId());
            if (previous == null && !f.p50().isBefore(state.now().plus(minLead))) {
                policy.held(f, state.now()).ifPresent(why -> held.put(f.appointmentId(), why));
            }
            var published = previous == null ? null : new PublicationPolicy.Published(previous.start,
                    previous.start.plus(width), previous.probability, 1, 1, null);
            if (policy.decide(published, f, 1, true, state.now()).isPresent()) {
                VisitForecast told = policy.toPublish(published, f);
                out.add(new Sent(told.appointmentId(), state.now(), told.windowStart(), told.probability(),
                        told.p50()));
            }
        }
        return out;
    }

    /** The plan alone: every window centred on the planned arrival, told once, an hour before the shift. */
    private List<Sent> planCentred(DayState state, Map<UUID, Sent> last) {
        if (!last.isEmpty() || state.now().isBefore(state.shiftStart().minus(Duration.ofHours(1)))) {
            return List.of();
        }
        return state.visits().stream().filter(v -> v.plannedArrival() != null)
                .map(v -> new Sent(v.appointmentId(), state.now(), v.plannedArrival().minus(width.dividedBy(2)), 0.5,
                        v.plannedArrival())).toList();
    }

    /** Decides at one moment of a day which windows are told; {@code last} is what each customer was told so far. */
    private interface Teller {
        List<Sent> tell(DayState state, Map<UUID, Sent> last);
    }

    /** One day as it happened under a way of telling windows; {@code moves}: told windows that changed. */
    private record Lived(Instant[] arrived, Instant[] finished, Map<UUID, Sent> first, Map<UUID, Sent> last,
                         double idleMinutes, int moves) {
    }

    /**
     * Lives the day event by event: the van leaves when the last job ends, parks after the drive, waits for the
     * booked window and (when told windows bind) the told one, works the job's true length. Windows are told at every
     * tap and every tick, except to the customer the van is on its way to.
     */
    private Lived live(TrueDay day, Teller teller) {
        boolean bind = forecaster.toldWindowsBind();
        int n = day.visits().size();
        Instant[] arrived = new Instant[n];
        Instant[] finished = new Instant[n];
        Map<UUID, Sent> first = new HashMap<>();
        Map<UUID, Sent> last = new HashMap<>();
        double idleSeconds = 0;
        int moves = 0;
        int i = 0;
        Instant parked = drive(day, 0, day.shiftStart());
        Instant waitUntil = null;
        Instant tickAt = day.shiftStart().minus(Duration.ofHours(1));
        while (i < n) {
            Instant event = arrived[i] == null ? (waitUntil != null ? waitUntil : parked) : finished[i];
            Instant now;
            if (!event.isAfter(tickAt)) {
                now = event;
                VisitPlan plan = day.visits().get(i).plan();
                if (arrived[i] == null && waitUntil == null) {
                    Instant open = plan.windowStart() != null && plan.windowStart().isAfter(parked)
                            ? plan.windowStart() : parked;
                    Sent promise = last.get(plan.appointmentId());
                    Instant door = bind && promise != null && promise.start.isAfter(open) ? promise.start : open;
                    if (door.isAfter(now)) {
                        // Parked early: the van waits outside; no tap, nothing to recompute.
                        idleSeconds += Duration.between(open, door).toSeconds();
                        waitUntil = door;
                        continue;
                    }
                    arrive(day, i, now, arrived, finished);
                } else if (arrived[i] == null) {
                    arrive(day, i, now, arrived, finished);
                    waitUntil = null;
                } else {
                    i++;
                    if (i < n) {
                        parked = drive(day, i, now);
                    }
                }
            } else {
                now = tickAt;
                tickAt = tickAt.plus(tick);
            }
            if (i < n) {
                // Once the van set off for a visit, its customer hears "on the way", no new window (as the service
                // while the told window holds; the delay the service tells once it is lost is not replayed here).
                boolean driving = arrived[i] == null && (i == 0 ? !now.isBefore(day.shiftStart())
                        : !finished[i - 1].isAfter(now));
                UUID onTheWay = driving ? day.visits().get(i).plan().appointmentId() : null;
                for (Sent s : teller.tell(stateAt(day, now, arrived, finished, last, bind), last)) {
                    if (s.appointmentId.equals(onTheWay)) {
                        continue;
                    }
                    first.putIfAbsent(s.appointmentId, s);
                    Sent before = last.put(s.appointmentId, s);
                    if (before != null && !before.start.equals(s.start)) {
                        moves++;
                    }
                }
            }
        }
        return new Lived(arrived, finished, first, last, idleSeconds / 60, moves);
    }

    private static void arrive(TrueDay day, int i, Instant now, Instant[] arrived, Instant[] finished) {
        arrived[i] = now;
        finished[i] = now.plusSeconds(Math.round(60 * day.visits().get(i).serviceMinutes()));
    }

    private static Instant drive(TrueDay day, int i, Instant departure) {
        TrueVisit v = day.visits().get(i);
        return departure.plusSeconds(Math.round(v.roadSeconds() * day.traffic().factor(departure, v.travelNoise())));
    }

    /** Lower edges of the calibration buckets of announced probability (first windows are all >= the target). */
    private static final double[] CALIBRATION_EDGES = {0, 0.9, 0.95, 0.99};

    private static int bucket(double p) {
        int b = 0;
        for (int i = 0; i < CALIBRATION_EDGES.length; i++) {
            if (p >= CALIBRATION_EDGES[i]) {
                b = i;
            }
        }
        return b;
    }

    /** "announced->observed (n)" per bucket: a calibrated forecaster has the two close. */
    private static String calibration(double[] announced, int[] observed, int[] counted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < counted.length; i++) {
            if (counted[i] > 0) {
                out.append(out.isEmpty() ? "" : " ").append("%.3f->%.3f(%d)".formatted(announced[i] / counted[i],
                        (double) observed[i] / counted[i], counted[i]));
            }
        }
        return out.toString();
    }

    private boolean inside(Instant arrived, Instant start) {
        return !arrived.isBefore(start) && arrived.isBefore(start.plus(width));
    }

    private record Sent(UUID appointmentId, Instant at, Instant start, double probability, Instant p50) {
    }

    private static DayState stateAt(TrueDay day, Instant now, Instant[] arrived, Instant[] finished,
                                    Map<UUID, Sent> last, boolean bind) {
        Map<UUID, VisitProgress> progress = new HashMap<>();
        Map<UUID, Instant> told = new HashMap<>();
        for (int i = 0; i < day.visits().size(); i++) {
            UUID id = day.visits().get(i).plan().appointmentId();
            Instant a = arrived[i] == null || arrived[i].isAfter(now) ? null : arrived[i];
            Instant f = finished[i] == null || finished[i].isAfter(now) ? null : finished[i];
            progress.put(id, new VisitProgress(null, a, f, false));
            if (bind && last.containsKey(id)) {
                told.put(id, last.get(id).start);
            }
        }
        List<VisitPlan> plans = day.visits().stream().map(TrueVisit::plan).toList();
        return new DayState(day.technicianId(), day.date(), 1, day.startLat(), day.startLon(), day.shiftStart(),
                plans, progress, null, now, told);
    }
}
