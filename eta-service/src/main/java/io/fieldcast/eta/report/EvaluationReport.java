package io.fieldcast.eta.report;

import io.fieldcast.platform.stats.Proportion;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The evaluation of what customers were told: per visit the first 60-minute window sent against the real arrival.
 * Coverage = visits whose first window went out at least {@code minLead} before the arrival / visits with a known
 * arrival; hit rate, MAE (p50 vs arrival), lead time and the calibration / hour / technician pictures are over
 * those covered visits, the only ones that count as kept or broken promises. The error-by-horizon picture takes
 * every first window, late ones included, to show how error shrinks as the arrival nears. Times are ISO strings and
 * missing figures null, so the JSON is the same from the service and from the benchmark.
 */
public record EvaluationReport(String source, String from, String to, String generatedAt, String modelVersion,
                               List<String> forecastModelVersions, Headline headline,
                               List<CalibrationBin> calibration, List<Group> byHour, List<Group> byTechnician,
                               List<HorizonBin> byHorizon, List<Figure> comparisons, List<Count> notCovered,
                               List<AheadBin> byJobsAhead) {

    /**
     * First windows told with {@code key} jobs still to finish before their visit ("3+": three or more): how many,
     * how many held, and the probability they were announced with on average. A window that breaks more often the
     * more jobs lie ahead of it is what the doubt per job ahead is for.
     */
    public record AheadBin(String key, int n, int hits, double hitRate, double announced) {
    }

    /** How many visits share a {@code key}; {@code code}: the key as one word (see {@link HeldReason#codeOf}). */
    public record Count(String key, String code, int n) {
    }

    /**
     * {@code hitRateLow95}..{@code hitRateHigh95}: the Wilson 95 % interval of the hit rate. One demo day has 40-60
     * covered visits, so a hit rate of 0.90 there is known to about +-0.09: a day's figure alone says little.
     */
    public record Headline(int visits, int windowsSent, int covered, int sentTooLate, double coverage,
                           Double hitRate, Double maeMinutes, Double leadMinutesP50, long minLeadMinutes,
                           Double hitRateLow95, Double hitRateHigh95) {
    }

    /** Announced probability in [from, to): mean announced vs share that really arrived inside. */
    public record CalibrationBin(double from, double to, int n, double announced, double observed) {
    }

    public record Group(String key, int n, int hits, double hitRate) {
    }

    /** First windows sent between {@code fromMinutes} and {@code toMinutes} (null = open) before the arrival. */
    public record HorizonBin(int fromMinutes, Integer toMinutes, int n, double maeMinutes, double hitRate) {
    }

    /**
     * A figure to show beside the headline (the benchmark's baseline and oracle): a share (0..1, shown as a
     * percentage) unless {@code unit} names another ("min").
     */
    public record Figure(String label, double value, String unit) {

        public Figure(String label, double value) {
            this(label, value, "share");
        }
    }

    /** A window sent later than this before the arrival does not count as given in time (the coverage). */
    public static final Duration MIN_LEAD = Duration.ofMinutes(60);

    static final double[] CALIBRATION_EDGES = {0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99};
    static final int[] HORIZON_EDGES = {0, 30, 60, 90, 120, 180, 240, 360};

    public static EvaluationReport of(String source, String from, String to, Instant generatedAt, String modelVersion,
                                      List<Outcome> outcomes, ZoneId zone, Duration minLead, List<Figure> comparisons) {
        List<Outcome> known = outcomes.stream().filter(o -> o.arrived() != null).toList();
        List<Outcome> sent = known.stream().filter(Outcome::windowSent).toList();
        double minLeadMinutes = minLead.toSeconds() / 60.0;
        List<Outcome> covered = sent.stream().filter(o -> o.leadMinutes() >= minLeadMinutes).toList();
        long hits = covered.stream().filter(Outcome::hit).count();
        List<Double> leads = covered.stream().map(Outcome::leadMinutes).sorted().toList();
        Set<Outcome> coveredSet = new HashSet<>(covered);
        double[] interval = covered.isEmpty() ? null : Proportion.wilson95(hits, covered.size());
        Headline headline = new Headline(known.size(), sent.size(), covered.size(), sent.size() - covered.size(),
                (double) covered.size() / Math.max(1, known.size()),
                covered.isEmpty() ? null : (double) hits / covered.size(),
                covered.isEmpty() ? null : covered.stream().mapToDouble(Outcome::absErrorMinutes).average()
                        .orElseThrow(),
                leads.isEmpty() ? null : leads.get(leads.size() / 2), minLead.toMinutes(),
                interval == null ? null : interval[0], interval == null ? null : interval[1]);
        List<String> versions = outcomes.stream().map(Outcome::modelVersion).filter(v -> v != null).distinct()
                .sorted().toList();
        return new EvaluationReport(source, from, to, generatedAt.toString(), modelVersion, versions, headline,
                calibration(covered), groups(covered, o -> "%02d".formatted(o.windowStart().atZone(zone).getHour())),
                byTechnician(covered), horizons(sent), List.copyOf(comparisons),
                notCovered(known.stream().filter(o -> !coveredSet.contains(o)).toList()), byJobsAhead(covered));
    }

    /** The most jobs ahead with a bin of their own; more are counted with it ("3+"). */
    static final int MOST_JOBS_AHEAD = 3;

    private static List<AheadBin> byJobsAhead(List<Outcome> covered) {
        List<AheadBin> bins = new ArrayList<>();
        for (int k = 0; k <= MOST_JOBS_AHEAD; k++) {
            int ahead = k;
            boolean last = k == MOST_JOBS_AHEAD;
            List<Outcome> in = covered.stream().filter(o -> o.jobsAhead() != null && o.probability() != null
                    && (last ? o.jobsAhead() >= ahead : o.jobsAhead() == ahead)).toList();
            if (!in.isEmpty()) {
                int hits = (int) in.stream().filter(Outcome::hit).count();
                bins.add(new AheadBin(last ? ahead + "+" : String.valueOf(ahead), in.size(), hits,
                        (double) hits / in.size(), in.stream().mapToDouble(Outcome::probability).average()
                        .orElseThrow()));
            }
        }
        return bins;
    }

    /**
     * Why the visits that got no window an hour ahead did not: the last reason the first window was held back while
     * the visit was still an hour or more away, by kind, most frequent first.
     */
    private static List<Count> notCovered(List<Outcome> uncovered) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> codes = new TreeMap<>();
        uncovered.forEach(o -> {
            String kind = HeldReason.kindOf(o.heldReason());
            counts.merge(kind, 1, Integer::sum);
            codes.putIfAbsent(kind, HeldReason.codeOf(o.heldReason()));
        });
        List<Count> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Count(k, codes.get(k), n)));
        out.sort(Comparator.comparingInt(Count::n).reversed().thenComparing(Count::key));
        return out;
    }

    private static List<CalibrationBin> calibration(List<Outcome> covered) {
        List<CalibrationBin> bins = new ArrayList<>();
        for (int i = 0; i < CALIBRATION_EDGES.length; i++) {
            double lo = CALIBRATION_EDGES[i];
            double hi = i + 1 < CALIBRATION_EDGES.length ? CALIBRATION_EDGES[i + 1] : 1.0;
            boolean last = i + 1 == CALIBRATION_EDGES.length;
            List<Outcome> in = covered.stream().filter(o -> o.probability() != null && o.probability() >= lo
                    && (last || o.probability() < hi)).toList();
            if (!in.isEmpty()) {
                double announced = in.stream().mapToDouble(Outcome::probability).average().orElseThrow();
                double observed = (double) in.stream().filter(Outcome::hit).count() / in.size();
                bins.add(new CalibrationBin(lo, hi, in.size(), announced, observed));
            }
        }
        return bins;
    }

    private static List<Group> groups(List<Outcome> covered, Function<Outcome, String> key) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Outcome o : covered) {
            int[] c = counts.computeIfAbsent(key.apply(o), k -> new int[2]);
            c[0]++;
            c[1] += o.hit() ? 1 : 0;
        }
        List<Group> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Group(k, c[0], c[1], (double) c[1] / c[0])));
        return out;
    }

    /** Worst first, so the technicians whose promises break most are at the top of the picture. */
    private static List<Group> byTechnician(List<Outcome> covered) {
        List<Group> groups = new ArrayList<>(groups(covered, Outcome::technicianId));
        groups.sort(Comparator.comparingDouble(Group::hitRate).thenComparing(Group::key));
        return groups;
    }

    private static List<HorizonBin> horizons(List<Outcome> sent) {
        List<HorizonBin> bins = new ArrayList<>();
        for (int i = 0; i < HORIZON_EDGES.length; i++) {
            int lo = HORIZON_EDGES[i];
            Integer hi = i + 1 < HORIZON_EDGES.length ? HORIZON_EDGES[i + 1] : null;
            boolean first = i == 0;
            List<Outcome> in = sent.stream().filter(o -> (first || o.leadMinutes() >= lo)
                    && (hi == null || o.leadMinutes() < hi)).toList();
            if (!in.isEmpty()) {
                bins.add(new HorizonBin(lo, hi, in.size(),
                        in.stream().mapToDouble(Outcome::absErrorMinutes).average().orElseThrow(),
                        (double) in.stream().filter(Outcome::hit).count() / in.size()));
            }
        }
        return bins;
    }
}
