package io.fieldcast.simulator.demo;

import io.fieldcast.platform.stats.Proportion;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./fieldcast bench promise}: the promise's targets on the running platform (the demo day after five days of
 * history, one run per seed), per run and pooled over the runs. One run tells a hit rate to a few points only (about
 * 40 first windows: 0.92 has a 95 % interval of 0.80-0.97), so a system whose true rate is 0.92 misses a per-run bar of
 * 0.90 on a quarter to a third of its runs; the pooled figures, with their interval, are what says whether it holds.
 *
 * <p>Reads each run's {@code DEMO} line (the last one of its log): {@code name=path} arguments, or paths (named by
 * their file name). Lines of demo versions that did not print the counts ({@code in_told}, {@code eta_hits}, ...)
 * are read from their shares, which are ratios of the same counts.
 *
 * <p>The issue also asks that the platform keep up: a run at {@code --speed 600} within 3 points of hit rate of the
 * same setting (seed, technicians, map) at 120x. A log says its setting and speed in its progress lines, so runs of
 * one setting at two speeds are compared, each speed's runs pooled, and the pooled faster runs against the pooled
 * slower ones.
 */
public final class PromiseBench {

    /**
     * The issue's bars, each checked per run and on the pooled counts; {@code speedGapPoints}: how far a faster run's
     * hit rate may fall under the same setting's at the slowest speed.
     */
    public record Targets(double hitRate, double coverage, double inToldPct, double beforeToldPct,
                          int routeVersionsP50, double speedGapPoints) {

        public static final Targets ISSUE = new Targets(0.90, 0.85, 97, 0, 3, 3);
    }

    /**
     * One demo run as its DEMO line tells it; {@code ahead}: its covered first windows by the jobs ahead when they
     * were told, {hits, n} per key ("0", "1", "2", "3+"; empty when the line has none); {@code notCovered}: its
     * arrived visits whose first window did not go out an hour ahead, by the last reason it was held back
     * ({@code long_wait}, {@code unlikely}, ...; empty when the line has none); {@code setting}: the seed,
     * technicians and map it was played with ("" when the log does not say), {@code speed}: how many times real time
     * (NaN when the log does not say).
     */
    public record Run(String name, long arrived, long covered, long hits, long told, long inTold, long beforeTold,
                      int routeVersionsP50, int routeVersionsMax, double travelHours, double waitHours,
                      double overtimeHours, Map<String, long[]> ahead, long toldUnreached,
                      Map<String, Long> notCovered, String setting, double speed) {

        public Run {
            ahead = new TreeMap<>(ahead);
            notCovered = new TreeMap<>(notCovered);
            setting = setting == null ? "" : setting;
        }

        public Run(String name, long arrived, long covered, long hits, long told, long inTold, long beforeTold,
                   int routeVersionsP50, int routeVersionsMax, double travelHours, double waitHours,
                   double overtimeHours, Map<String, long[]> ahead, long toldUnreached,
                   Map<String, Long> notCovered) {
            this(name, arrived, covered, hits, told, inTold, beforeTold, routeVersionsP50, routeVersionsMax,
                    travelHours, waitHours, overtimeHours, ahead, toldUnreached, notCovered, "", Double.NaN);
        }

        public Run(String name, long arrived, long covered, long hits, long told, long inTold, long beforeTold,
                   int routeVersionsP50, int routeVersionsMax, double travelHours, double waitHours,
                   double overtimeHours) {
            this(name, arrived, covered, hits, told, inTold, beforeTold, routeVersionsP50, routeVersionsMax,
                    travelHours, waitHours, overtimeHours, Map.of(), 0, Map.of());
        }

        double coverage() {
            return share(covered, arrived);
        }

        double hitRate() {
            return share(hits, covered);
        }

        double inToldPct() {
            return 100 * share(inTold, told);
        }

        double beforeToldPct() {
            return 100 * share(beforeTold, told);
        }

        /** The targets this run misses, by name (empty: it meets them all). */
        List<String> misses(Targets t) {
            List<String> out = new ArrayList<>();
            if (covered == 0 || hitRate() < t.hitRate()) {
                out.add("hit_rate");
            }
            if (coverage() < t.coverage()) {
                out.add("coverage");
            }
            if (told == 0 || inToldPct() < t.inToldPct()) {
                out.add("in_told");
            }
            if (beforeToldPct() > t.beforeToldPct()) {
                out.add("before_told");
            }
            if (routeVersionsP50 > t.routeVersionsP50()) {
                out.add("route_versions");
            }
            if (toldUnreached > 0) {
                out.add("told_unreached"); // a customer told a window whom nobody reached
            }
            return out;
        }

        /** The counts of several runs added up: the pooled run. */
        static Run pool(List<Run> runs) {
            return pool("pooled", runs);
        }

        /** The counts of several runs added up, under {@code name}. */
        static Run pool(String name, List<Run> runs) {
            long arrived = 0, covered = 0, hits = 0, told = 0, inTold = 0, before = 0, unreached = 0;
            int p50 = 0, max = 0;
            double travel = 0, wait = 0, overtime = 0;
            Map<String, long[]> ahead = new TreeMap<>();
            Map<String, Long> notCovered = new TreeMap<>();
            for (Run r : runs) {
                r.notCovered.forEach((k, n) -> notCovered.merge(k, n, Long::sum));
                r.ahead.forEach((k, c) -> {
                    long[] sum = ahead.computeIfAbsent(k, x -> new long[2]);
                    sum[0] += c[0];
                    sum[1] += c[1];
                });
                arrived += r.arrived;
                covered += r.covered;
                hits += r.hits;
                told += r.told;
                inTold += r.inTold;
                before += r.beforeTold;
                unreached += r.toldUnreached;
                // Route versions are per technician-day: the pooled median is no sum; the worst run's stands for all.
                p50 = Math.max(p50, r.routeVersionsP50);
                max = Math.max(max, r.routeVersionsMax);
                travel += r.travelHours;
                wait += r.waitHours;
                overtime += r.overtimeHours;
            }
            return new Run(name, arrived, covered, hits, told, inTold, before, p50, max, travel, wait, overtime,
                    ahead, unreached, notCovered);
        }
    }

    private PromiseBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: PromiseBench [name=]demo.log ...  (the runs' DEMO lines, pooled)");
            return;
        }
        List<Run> runs = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            Path log = Path.of(eq > 0 ? arg.substring(eq + 1) : arg);
            String name = eq > 0 ? arg.substring(0, eq) : log.getFileName().toString().replaceFirst("\\.log$", "");
            if (!Files.isReadable(log)) {
                throw new IllegalArgumentException("cannot read the demo log " + log);
            }
            runs.add(parse(name, Files.readAllLines(log)));
        }
        report(runs, Targets.ISSUE, System.out);
    }

    /** A demo's speed and setting: "live: 12 technicians of metro on 2026-12-11 at 600.0x, seed 2". */
    private static final Pattern LIVE = Pattern.compile(
            "^live: (\\d+) technicians of (\\S+) on (\\S+) at ([0-9.]+)x, seed (-?\\d+)");
    /** A demo's map: "== 1/6 road network (synthetic city)" or "== 1/6 road network /data/andorra.osm.pbf". */
    private static final Pattern ROADS = Pattern.compile("^== \\S+ road network (.+)$");

    /** The run of a demo log: its last DEMO line, and the setting and speed its progress lines say. */
    static Run parse(String name, List<String> log) {
        String demo = null;
        String map = "synthetic city";
        Matcher live = null;
        for (String line : log) {
            if (line.startsWith("DEMO ")) {
                demo = line;
            }
            Matcher roads = ROADS.matcher(line);
            if (roads.find()) {
                String m = roads.group(1).trim();
                map = m.startsWith("(") ? m.substring(1, m.length() - 1)
                        : Path.of(m).getFileName().toString().replaceFirst("\\.osm\\.pbf$", "");
            }
            Matcher l = LIVE.matcher(line);
            if (l.find()) {
                live = l;
            }
        }
        if (demo == null) {
            throw new IllegalArgumentException(name + ": no DEMO line (did the demo run to the end with --until-done?)");
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : demo.substring(5).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        if (!f.containsKey("eta_coverage") || "none".equals(f.get("eta_hit_rate"))) {
            throw new IllegalArgumentException(name + ": the DEMO line has no forecast figures (eta-service's report "
                    + "did not answer)");
        }
        long told = longOf(f, "told");
        long covered = f.containsKey("eta_covered") ? longOf(f, "eta_covered") : 0;
        long arrived = f.containsKey("eta_visits") ? longOf(f, "eta_visits")
                : Math.round(covered / Math.max(1e-9, number(f, "eta_coverage")));
        long hits = f.containsKey("eta_hits") ? longOf(f, "eta_hits")
                : Math.round(number(f, "eta_hit_rate") * covered);
        long inTold = f.containsKey("in_told") ? longOf(f, "in_told")
                : Math.round(number(f, "in_told_window_pct") * told / 100);
        long before = f.containsKey("before_told") ? longOf(f, "before_told")
                : Math.round(number(f, "before_told_pct") * told / 100);
        String setting = live == null ? "" : "seed %s, %s technicians of %s, %s, %s".formatted(live.group(5),
                live.group(1), live.group(2), map, live.group(3));
        double speed = live == null ? Double.NaN : Double.parseDouble(live.group(4));
        return new Run(name, arrived, covered, hits, told, inTold, before, (int) longOf(f, "route_versions_p50"),
                (int) longOf(f, "route_versions_max"), number(f, "travel_h"),
                f.containsKey("wait_h") ? number(f, "wait_h") : Double.NaN, number(f, "overtime_h"),
                ahead(f.getOrDefault("eta_ahead", "")),
                f.containsKey("told_unreached") ? longOf(f, "told_unreached") : 0,
                notCovered(f.getOrDefault("eta_not_covered", "")), setting, speed);
    }

    /**
     * Runs of one setting at a faster speed against the same setting at its slowest: {@code gapPoints} is the faster
     * runs' hit rate less the slower's, in points (each speed's runs of the setting pooled).
     */
    record SpeedPair(String setting, Run slow, double slowSpeed, Run fast, double fastSpeed) {

        double gapPoints() {
            return 100 * (fast.hitRate() - slow.hitRate());
        }
    }

    /** Every setting played at two or more speeds, each faster speed against the slowest. */
    static List<SpeedPair> speedPairs(List<Run> runs) {
        Map<String, TreeMap<Double, List<Run>>> bySetting = new TreeMap<>();
        for (Run r : runs) {
            if (!r.setting().isEmpty() && r.speed() > 0) {
                bySetting.computeIfAbsent(r.setting(), k -> new TreeMap<>())
                        .computeIfAbsent(r.speed(), k -> new ArrayList<>()).add(r);
            }
        }
        List<SpeedPair> out = new ArrayList<>();
        bySetting.forEach((setting, bySpeed) -> {
            if (bySpeed.size() > 1) {
                var slowest = bySpeed.firstEntry();
                Run slow = Run.pool(names(slowest.getValue()), slowest.getValue());
                bySpeed.tailMap(slowest.getKey(), false).forEach((speed, fast) -> out.add(new SpeedPair(setting,
                        slow, slowest.getKey(), Run.pool(names(fast), fast), speed)));
            }
        });
        return out;
    }

    private static String names(List<Run> runs) {
        return runs.stream().map(Run::name).collect(Collectors.joining("+"));
    }

    /** {@code long_wait:3,unlikely:6} as n by reason. */
    static Map<String, Long> notCovered(String field) {
        Map<String, Long> out = new TreeMap<>();
        for (String count : field.split(",")) {
            int colon = count.lastIndexOf(':');
            if (colon > 0) {
                try {
                    out.merge(count.substring(0, colon), Long.parseLong(count.substring(colon + 1)), Long::sum);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the DEMO line's eta_not_covered is not n by reason: " + field);
                }
            }
        }
        return out;
    }

    /** {@code 0:11/11,1:26/27} as {hits, n} by key. */
    static Map<String, long[]> ahead(String field) {
        Map<String, long[]> out = new TreeMap<>();
        for (String bin : field.split(",")) {
            int colon = bin.indexOf(':');
            int slash = bin.indexOf('/');
            if (colon > 0 && slash > colon) {
                try {
                    out.put(bin.substring(0, colon), new long[] {Long.parseLong(bin.substring(colon + 1, slash)),
                            Long.parseLong(bin.substring(slash + 1))});
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the DEMO line's eta_ahead is not hits/n by jobs ahead: "
                            + field);
                }
            }
        }
        return out;
    }

    /** The table of runs, the pooled row, and the final BENCH line. */
    static void report(List<Run> runs, Targets targets, PrintStream out) {
        out.printf(Locale.ROOT, "%-14s %8s %9s %19s %8s %8s %9s %7s %7s %9s  %s%n", "run", "coverage", "hit rate",
                "(95 % interval)", "in told", "before", "routes", "travel", "wait", "overtime", "misses");
        int meetingAll = 0;
        for (Run r : runs) {
            List<String> misses = r.misses(targets);
            meetingAll += misses.isEmpty() ? 1 : 0;
            row(r, misses, out);
        }
        Run pooled = Run.pool(runs);
        List<String> pooledMisses = pooled.misses(targets);
        row(pooled, pooledMisses, out);
        double[] hit = pooled.covered == 0 ? new double[] {0, 0} : Proportion.wilson95(pooled.hits, pooled.covered);
        double[] cov = pooled.arrived == 0 ? new double[] {0, 0} : Proportion.wilson95(pooled.covered, pooled.arrived);
        out.printf(Locale.ROOT, "targets: hit rate >= %.2f, coverage >= %.2f, in told >= %.0f %%, before told <= "
                        + "%.0f %%, route versions p50 <= %d, no told visit unreached; %d of %d runs meet all, "
                        + "pooled: %s%n", targets.hitRate(),
                targets.coverage(), targets.inToldPct(), targets.beforeToldPct(), targets.routeVersionsP50(),
                meetingAll, runs.size(), pooledMisses.isEmpty() ? "all met" : "misses " + pooledMisses);
        if (!pooled.notCovered.isEmpty()) {
            out.println("first windows not told an hour ahead, by the last reason held back (pooled): "
                    + pooled.notCovered.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        if (!pooled.ahead.isEmpty()) {
            out.println("first windows by the jobs ahead when told (pooled): " + pooled.ahead.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s ahead %d/%d (%.2f)", e.getKey(), e.getValue()[0],
                            e.getValue()[1], share(e.getValue()[0], e.getValue()[1])))
                    .collect(Collectors.joining(", ")));
        }
        List<SpeedPair> pairs = speedPairs(runs);
        int pairsWithin = 0;
        for (SpeedPair p : pairs) {
            boolean within = p.gapPoints() >= -targets.speedGapPoints();
            pairsWithin += within ? 1 : 0;
            out.printf(Locale.ROOT, "keeps up: %s: %.0fx hit rate %.3f (%s, %d of %d) against %.0fx %.3f "
                            + "(%s, %d of %d): %+.1f points, %s%n", p.setting(), p.fastSpeed(), p.fast().hitRate(),
                    p.fast().name(), p.fast().hits, p.fast().covered, p.slowSpeed(), p.slow().hitRate(), p.slow().name(),
                    p.slow().hits, p.slow().covered, p.gapPoints(),
                    p.gapPoints() >= 0 ? "not under" : within ? "within " + fmt(targets.speedGapPoints()) + " under"
                            : "more than " + fmt(targets.speedGapPoints()) + " under");
        }
        String speedGapPooled = "none";
        if (!pairs.isEmpty()) {
            Run fast = Run.pool("faster", pairs.stream().map(SpeedPair::fast).toList());
            Run slow = Run.pool("slower", pairs.stream().map(SpeedPair::slow).distinct().toList());
            speedGapPooled = String.format(Locale.ROOT, "%.1f", 100 * (fast.hitRate() - slow.hitRate()));
            out.printf(Locale.ROOT, "keeps up, pooled: the faster runs' hit rate %.3f (%d of %d) against the slower "
                            + "runs' %.3f (%d of %d): %s points%n", fast.hitRate(), fast.hits, fast.covered,
                    slow.hitRate(), slow.hits, slow.covered, speedGapPooled);
        }
        out.printf(Locale.ROOT, "BENCH promise runs=%d runs_meeting_all=%d arrived=%d covered=%d coverage=%.3f "
                        + "coverage_low95=%.3f coverage_high95=%.3f hit_rate=%.3f hit_low95=%.3f hit_high95=%.3f "
                        + "told=%d in_told_window_pct=%.1f before_told_pct=%.1f route_versions_p50_max=%d "
                        + "route_versions_max=%d travel_h=%.1f overtime_h=%.1f told_unreached=%d pooled_meets=%s "
                        + "speed_pairs=%d speed_pairs_within=%d speed_gap_pooled=%s%n",
                runs.size(), meetingAll, pooled.arrived, pooled.covered, pooled.coverage(), cov[0], cov[1],
                pooled.hitRate(), hit[0], hit[1], pooled.told, pooled.inToldPct(), pooled.beforeToldPct(),
                pooled.routeVersionsP50, pooled.routeVersionsMax, pooled.travelHours, pooled.overtimeHours,
                pooled.toldUnreached, pooledMisses.isEmpty() ? "yes" : String.join(",", pooledMisses), pairs.size(),
                pairsWithin, speedGapPooled);
    }

    private static String fmt(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }

    private static void row(Run r, List<String> misses, PrintStream out) {
        double[] hit = r.covered == 0 ? null : Proportion.wilson95(r.hits, r.covered);
        String interval = hit == null ? "" : String.format(Locale.ROOT, "(%.2f-%.2f of %d)", hit[0], hit[1],
                r.covered);
        out.printf(Locale.ROOT, "%-14s %8.3f %9.3f %19s %7.1f%% %7.1f%% %5d/%-3d %7.1f %7.1f %9.1f  %s%n", r.name,
                r.coverage(), r.hitRate(), interval, r.inToldPct(), r.beforeToldPct(), r.routeVersionsP50,
                r.routeVersionsMax, r.travelHours, r.waitHours, r.overtimeHours,
                misses.isEmpty() ? "-" : String.join(", ", misses));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static long longOf(Map<String, String> f, String key) {
        return Math.round(number(f, key));
    }

    private static double number(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the DEMO line has no " + key);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the DEMO line's " + key + " is not a number: " + v);
        }
    }
}
