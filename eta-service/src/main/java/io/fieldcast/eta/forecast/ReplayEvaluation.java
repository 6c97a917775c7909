package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.report.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Replays days whose true arrivals are known through the forecaster and the publication policy, the way the
 * service would live them (a recompute at every tap and every few minutes of GPS), and scores what customers were
 * told: for each visit the first window published, whether it was sent at least {@code minLead} before the arrival
 * (coverage), and whether the arrival fell inside it (hit rate). The baseline is the same-width window centred on the
 * plan's arrival time. This is the core of {@code ./fieldcast bench eta}; the simulator supplies real days.
 */
public final class ReplayEvaluation {

    /** One visit of a day as it really happened. */
    public record TrueVisit(VisitPlan plan, Instant arrived, Instant finished) {
    }

    public record TrueDay(String technicianId, java.time.LocalDate date, double startLat, double startLon,
                          Instant shiftStart, List<TrueVisit> visits) {
    }

    public record Result(int visits, double coverage, double hitRate, double leadMinutesP50, double maeMinutes,
                         double baselineHitRate, double finalHitRate, String calibration, List<Outcome> outcomes) {

        public String line(String label) {
            return "BENCH eta %s visits=%d coverage=%.3f hit_rate=%.3f lead_min_p50=%.0f mae_min=%.1f "
                    .formatted(label, visits, coverage, hitRate, leadMinutesP50, maeMinutes)
                    + "baseline_hit_rate=%.3f final_hit_rate=%.3f".formatted(baselineHitRate, finalHitRate);
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
        List<Double> leads = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        double[] announced = new double[CALIBRATION_EDGES.length];
        int[] observed = new int[CALIBRATION_EDGES.length];
        int[] counted = new int[CALIBRATION_EDGES.length];
        for (TrueDay day : days) {
            Map<UUID, Sent> first = new HashMap<>();
            Map<UUID, Sent> last = new HashMap<>();
            for (Instant now : moments(day)) {
                DayState state = stateAt(day, now);
                for (VisitForecast f : forecaster.forecast(state, model)) {
                    Sent previous = last.get(f.appointmentId());
                    var published = previous == null ? null : new PublicationPolicy.Published(previous.start,
                            previous.start.plus(width), previous.probability, 1, 1, null);
                    if (policy.decide(published, f, 1).isPresent()) {
                        Sent sent = new Sent(now, f.windowStart(), f.probability(), f.p50());
                        first.putIfAbsent(f.appointmentId(), sent);
                        last.put(f.appointmentId(), sent);
                    }
                }
            }
            for (TrueVisit v : day.visits()) {
                visits++;
                Instant arrived = v.arrived();
                Instant planned = v.plan().plannedArrival();
                Duration half = width.dividedBy(2);
                if (!arrived.isBefore(planned.minus(half)) && arrived.isBefore(planned.plus(half))) {
                    baselineHits++;
                }
                Sent s = first.get(v.plan().appointmentId());
                outcomes.add(s == null
                        ? new Outcome(v.plan().appointmentId(), day.technicianId(), null, null, null, null, null,
                                arrived, model.version())
                        : new Outcome(v.plan().appointmentId(), day.technicianId(), s.at, s.start, s.start.plus(width),
                                s.probability, s.p50, arrived, model.version()));
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
                if (inside(arrived, last.get(v.plan().appointmentId()).start)) {
                    finalHits++;
                }
            }
        }
        leads.sort(Double::compare);
        return new Result(visits, (double) covered / Math.max(1, visits), (double) hits / Math.max(1, covered),
                leads.isEmpty() ? 0 : leads.get(leads.size() / 2), absError / Math.max(1, covered),
                (double) baselineHits / Math.max(1, visits), (double) finalHits / Math.max(1, covered),
                calibration(announced, observed, counted), List.copyOf(outcomes));
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

    private record Sent(Instant at, Instant start, double probability, Instant p50) {
    }

    /** Every tap, plus a tick from the shift start to the last arrival (the GPS-driven recomputes). */
    private TreeSet<Instant> moments(TrueDay day) {
        TreeSet<Instant> moments = new TreeSet<>();
        Instant end = day.visits().getLast().arrived();
        for (Instant t = day.shiftStart().minus(Duration.ofHours(1)); t.isBefore(end); t = t.plus(tick)) {
            moments.add(t);
        }
        for (TrueVisit v : day.visits()) {
            moments.add(v.arrived());
            moments.add(v.finished());
        }
        return moments;
    }

    private static DayState stateAt(TrueDay day, Instant now) {
        Map<UUID, VisitProgress> progress = new HashMap<>();
        for (TrueVisit v : day.visits()) {
            Instant arrived = v.arrived().isAfter(now) ? null : v.arrived();
            Instant finished = v.finished().isAfter(now) ? null : v.finished();
            progress.put(v.plan().appointmentId(), new VisitProgress(null, arrived, finished, false));
        }
        List<VisitPlan> plans = day.visits().stream().map(TrueVisit::plan).toList();
        return new DayState(day.technicianId(), day.date(), 1, day.startLat(), day.startLon(), day.shiftStart(),
                plans, progress, null, now);
    }
}
