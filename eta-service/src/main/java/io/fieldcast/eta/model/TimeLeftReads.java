package io.fieldcast.eta.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a technician's "about N minutes left" turns out to be: the minutes the job really went on after the read,
 * over the minutes said, learned from every read of a job that was then done. The fleet's spread of that ratio (on the
 * log scale, at {@value #LEVELS} levels) and each technician's own lean (one says 20 where it takes 25), shrunk to the
 * fleet's by how many reads they gave.
 *
 * <p>What it is for: a job under way is otherwise read from how long such jobs take and how long this one has lasted,
 * and the visits after it wait for it to end before a window an hour ahead can be told. The technician on site knows
 * more (a part missing, a second fault, nearly done): their word, as far as their words have held, is the better
 * read of when the job ends.
 *
 * @param logRatio the log of (minutes the job went on after the read / minutes said), less the technician's lean, at
 *                 levels 0, 1/{@code (n-1)}, ..., 1 (ascending, n = {@value #LEVELS}); empty when nothing was learned
 * @param lean     technician -> how far their reads run from the fleet's (log scale; shrunk, absent: 0)
 * @param reads    how many reads it was learned from
 */
public record TimeLeftReads(double[] logRatio, Map<String, Double> lean, int reads) {

    /** Nothing learned (versions stored before, too few reads): the job's own history is read instead. */
    public static final TimeLeftReads NONE = new TimeLeftReads(new double[0], Map.of(), 0);
    /** Quantile levels kept: every 5 %. */
    static final int LEVELS = 21;
    /** Fewer reads than this say too little of how far they run: nothing is learned. */
    static final int MIN_READS = 30;
    /** A technician's lean is shrunk to the fleet's as if the fleet had this many reads of theirs. */
    static final double SHRINK_READS = 10;
    /**
     * A read outrun this far (the job still going beyond what this share of reads said) says no more than the job's
     * own history: the forecast reads the job as if nothing had been said.
     */
    public static final double OUTRUN = 0.95;
    /**
     * Above this level the reads seen say too little of how far a word can be outrun (the highest of a few hundred is
     * not the worst): the ratio goes on as an exponential tail on the log scale, as steep as between the 90th and
     * this level, and never below what was seen.
     */
    static final double TAIL_FROM = 0.95;
    /** The highest level drawn: a tail with no end would make a day of one word. */
    static final double TAIL_TOP = 0.9999;

    /** One read: who said it, the minutes said, the minutes the job went on after it. */
    public record Read(String technicianId, double saidMinutes, double wentOnMinutes) {
    }

    public TimeLeftReads {
        logRatio = logRatio == null ? new double[0] : logRatio.clone();
        lean = lean == null ? Map.of() : Map.copyOf(lean);
        if (logRatio.length != 0 && logRatio.length != LEVELS) {
            throw new IllegalArgumentException("need " + LEVELS + " levels, got " + logRatio.length);
        }
        for (int i = 1; i < logRatio.length; i++) {
            if (!(logRatio[i] >= logRatio[i - 1])) {
                throw new IllegalArgumentException("levels must ascend: " + Arrays.toString(logRatio));
            }
        }
    }

    /**
     * Learned from the reads of jobs then done; reads of no minutes, or of a job that ended before or as the read was
     * said (a late replay), are left out.
     */
    public static TimeLeftReads learn(List<Read> reads) {
        Map<String, List<Double>> byTech = new HashMap<>();
        List<Double> all = new ArrayList<>();
        for (Read r : reads) {
            if (r.saidMinutes() > 0 && r.wentOnMinutes() > 0 && r.technicianId() != null) {
                double v = Math.log(r.wentOnMinutes() / r.saidMinutes());
                byTech.computeIfAbsent(r.technicianId(), k -> new ArrayList<>()).add(v);
                all.add(v);
            }
        }
        if (all.size() < MIN_READS) {
            return NONE;
        }
        double fleet = median(all);
        Map<String, Double> lean = new HashMap<>();
        List<Double> residuals = new ArrayList<>(all.size());
        for (var e : byTech.entrySet()) {
            int n = e.getValue().size();
            double own = n / (n + SHRINK_READS) * (median(e.getValue()) - fleet);
            lean.put(e.getKey(), own);
            for (double v : e.getValue()) {
                residuals.add(v - own);
            }
        }
        double[] sorted = residuals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] levels = new double[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            levels[i] = ShrinkageEstimator.sortedQuantile(sorted, (double) i / (LEVELS - 1));
        }
        return new TimeLeftReads(levels, lean, all.size());
    }

    public boolean learned() {
        return logRatio.length > 0;
    }

    /** This technician's lean (0: the fleet's). */
    public double leanOf(String technician) {
        return lean.getOrDefault(technician, 0.0);
    }

    /**
     * The ratio (minutes the job goes on / minutes said) of this technician's read at level {@code u} (0..1): the
     * reads' own quantiles, and above {@link #TAIL_FROM} a tail that goes beyond the highest read seen.
     */
    public double ratioAt(String technician, double u) {
        double level = Math.clamp(u, 0, 1);
        double v = ShrinkageEstimator.sortedQuantile(logRatio, level);
        if (level > TAIL_FROM) {
            v = Math.max(v, tail(Math.min(level, TAIL_TOP)));
        }
        return Math.exp(v + leanOf(technician));
    }

    /**
     * The log ratio at level {@code u} above {@link #TAIL_FROM} if the reads' tail is exponential: the same rise from
     * the 90th to the 95th percentile (a halving of the share above) for each further halving.
     */
    private double tail(double u) {
        double from = ShrinkageEstimator.sortedQuantile(logRatio, TAIL_FROM);
        double halving = from - ShrinkageEstimator.sortedQuantile(logRatio, 1 - 2 * (1 - TAIL_FROM));
        return from + halving * Math.log((1 - TAIL_FROM) / (1 - u)) / Math.log(2);
    }

    /** The level of {@code ratio} among this technician's reads: 0 at or below the lowest, 1 at or above the highest. */
    public double levelOf(String technician, double ratio) {
        if (!(ratio > 0)) {
            return 0;
        }
        double v = Math.log(ratio) - leanOf(technician);
        int last = logRatio.length - 1;
        if (v <= logRatio[0]) {
            return 0;
        }
        for (int i = 1; i <= last; i++) {
            if (v <= logRatio[i]) {
                double width = logRatio[i] - logRatio[i - 1];
                double f = width > 0 ? (v - logRatio[i - 1]) / width : 1;
                return (i - 1 + f) / last;
            }
        }
        return 1;
    }

    /**
     * Minutes from the read to the end of the job, drawn at level {@code u} from what this technician's reads went on
     * to, given that the job has gone on {@code sinceRead} minutes since it was said; NaN once the read is outrun
     * ({@link #OUTRUN}) or nothing was learned: then it says nothing the job's own history does not.
     */
    public double wentOn(String technician, double saidMinutes, double sinceRead, double u) {
        if (!learned() || !(saidMinutes > 0)) {
            return Double.NaN;
        }
        double floor = levelOf(technician, Math.max(0, sinceRead) / saidMinutes);
        if (floor >= OUTRUN) {
            return Double.NaN;
        }
        return saidMinutes * ratioAt(technician, floor + (1 - floor) * u);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return ShrinkageEstimator.sortedQuantile(sorted, 0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeLeftReads other && reads == other.reads && Arrays.equals(logRatio, other.logRatio)
                && lean.equals(other.lean);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(logRatio) + lean.hashCode()) + reads;
    }

    @Override
    public String toString() {
        return learned() ? "TimeLeftReads ratio p10 %.2f, p50 %.2f, p90 %.2f from %d reads of %d technicians"
                .formatted(Math.exp(ShrinkageEstimator.sortedQuantile(logRatio, 0.1)),
                        Math.exp(ShrinkageEstimator.sortedQuantile(logRatio, 0.5)),
                        Math.exp(ShrinkageEstimator.sortedQuantile(logRatio, 0.9)), reads, lean.size())
                : "TimeLeftReads none";
    }
}
