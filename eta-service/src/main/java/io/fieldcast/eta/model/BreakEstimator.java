package io.fieldcast.eta.model;

import io.fieldcast.eta.history.BreakRule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns each technician's midday break from mined days. Trip mining knows, per visit, when the van left for it,
 * when it arrived and when the job was done; a break is the first gap of at least {@link BreakRule#MIN_GAP} between a
 * job done and leaving for the next one, starting after {@link BreakRule#EARLIEST} local time, that is not a wait for
 * a window (the van then arrives at the next visit just before or at its booked window start). Per technician: the
 * earliest start seen (the break comes at the first gap after that time) and the length as a log-normal, both shrunk
 * toward the fleet's (its 10th percentile of starts, its median length) when few days were seen; the spread is the
 * pooled within-technician one (one break a day gives little to estimate a technician's own from).
 */
public final class BreakEstimator {

    /** Days of the fleet's median worth of weight when shrinking a technician's median. */
    static final double PRIOR_DAYS = 3;
    /** Gaps' worth of the fleet's median turnaround in a technician's own. */
    static final double PRIOR_GAPS = 5;

    private BreakEstimator() {
    }

    /** One visit of a mined day, in driving order: when the van left for it, arrived, finished; its window. */
    public record MinedStop(Instant departure, Instant arrival, Instant completed, Instant windowStart) {
    }

    /** One break seen: its local start minute and its length. */
    public record Observation(String technicianId, int startMinute, double minutes) {
    }

    /** The break of one technician day, or null when none was seen. */
    public static Observation observe(String technicianId, List<MinedStop> day, ZoneId zone) {
        for (int i = 0; i + 1 < day.size(); i++) {
            Instant done = day.get(i).completed();
            MinedStop next = day.get(i + 1);
            if (done == null || next.departure() == null || next.arrival() == null) {
                continue;
            }
            Duration gap = Duration.between(done, next.departure());
            int startMinute = BreakRule.localMinute(done, zone);
            if (gap.compareTo(BreakRule.MIN_GAP) < 0 || startMinute < BreakRule.EARLIEST) {
                continue;
            }
            boolean waitedForWindow = next.windowStart() != null
                    && BreakRule.waitedForWindow(next.arrival(), next.windowStart());
            if (!waitedForWindow) {
                return new Observation(technicianId, startMinute, gap.toSeconds() / 60.0);
            }
        }
        return null;
    }

    /**
     * Minutes from each job done to leaving for the next one in a mined day, when shorter than a break
     * ({@link BreakRule#MIN_GAP}): packing up, walking back to the van, the paperwork in the cab. Trip mining counts
     * them neither as the job (it ends at the tap) nor as the drive (it starts when the van leaves), so a forecast
     * that chains job and drive loses them at every visit.
     */
    public static List<Double> turnarounds(List<MinedStop> day) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i + 1 < day.size(); i++) {
            Instant done = day.get(i).completed();
            Instant left = day.get(i + 1).departure();
            if (done == null || left == null || left.isBefore(done)) {
                continue;
            }
            Duration gap = Duration.between(done, left);
            if (gap.compareTo(BreakRule.MIN_GAP) < 0) {
                out.add(gap.toSeconds() / 60.0);
            }
        }
        return out;
    }

    /**
     * Each technician's typical turnaround (median minutes), shrunk toward the fleet's median by {@value #PRIOR_GAPS}
     * gaps' worth of weight; the fleet's under key {@code null}. Empty when no gap was seen.
     */
    public static Map<String, Double> turnaroundByTechnician(Map<String, List<Double>> gaps) {
        Map<String, Double> out = new HashMap<>();
        double[] all = gaps.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        if (all.length == 0) {
            return out;
        }
        double fleet = ShrinkageEstimator.quantile(all, 0.5);
        out.put(null, fleet);
        gaps.forEach((tech, own) -> {
            if (!own.isEmpty()) {
                double median = ShrinkageEstimator.quantile(own.stream().mapToDouble(Double::doubleValue).toArray(),
                        0.5);
                out.put(tech, (own.size() * median + PRIOR_GAPS * fleet) / (own.size() + PRIOR_GAPS));
            }
        });
        return out;
    }

    /** Per technician and for the fleet (key {@code null}); empty when no break was ever seen. */
    public static Map<String, BreakHabit> estimate(List<Observation> observations) {
        Map<String, BreakHabit> out = new HashMap<>();
        if (observations.isEmpty()) {
            return out;
        }
        Map<String, List<Observation>> byTech = new HashMap<>();
        observations.forEach(o -> byTech.computeIfAbsent(o.technicianId(), k -> new ArrayList<>()).add(o));
        double[] logs = observations.stream().mapToDouble(o -> Math.log(o.minutes())).toArray();
        double fleetMu = mean(logs);
        // Pooled within-technician spread (a technician's own days), the fleet's when nobody has two days yet.
        double within = 0;
        int dof = 0;
        for (List<Observation> own : byTech.values()) {
            double mu = own.stream().mapToDouble(o -> Math.log(o.minutes())).average().orElseThrow();
            for (Observation o : own) {
                within += Math.pow(Math.log(o.minutes()) - mu, 2);
            }
            dof += own.size() - 1;
        }
        double sigma = dof > 0 ? Math.sqrt(within / dof) : sd(logs, fleetMu);
        sigma = Math.clamp(sigma, 0.05, 1.0);
        int fleetAfter = (int) ShrinkageEstimator.quantile(observations.stream()
                .mapToDouble(Observation::startMinute).toArray(), 0.1);
        // The fleet's spread takes in the differences between technicians too, so it is never narrower.
        out.put(null, new BreakHabit(fleetAfter, Quantiles.logNormal(Math.exp(fleetMu),
                Math.max(sigma, sd(logs, fleetMu)), logs.length), logs.length));
        for (var e : byTech.entrySet()) {
            List<Observation> own = e.getValue();
            double sum = own.stream().mapToDouble(o -> Math.log(o.minutes())).sum();
            double mu = (sum + PRIOR_DAYS * fleetMu) / (own.size() + PRIOR_DAYS);
            // The earliest start seen; a break seen on one day may have come late (the first gap after the usual
            // time came late), so few days lean on the fleet's time as well.
            int earliest = own.stream().mapToInt(Observation::startMinute).min().orElseThrow();
            int after = (int) Math.round((own.size() * earliest + PRIOR_DAYS * fleetAfter) / (own.size() + PRIOR_DAYS));
            out.put(e.getKey(), new BreakHabit(after, Quantiles.logNormal(Math.exp(mu), sigma, own.size()),
                    own.size()));
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sd(double[] values, double mean) {
        if (values.length < 2) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
