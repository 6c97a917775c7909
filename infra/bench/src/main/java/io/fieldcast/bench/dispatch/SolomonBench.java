package io.fieldcast.bench.dispatch;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import io.fieldcast.dispatch.solver.Portfolio;
import io.fieldcast.dispatch.solver.SolverTuning;
import io.fieldcast.dispatch.solver.DispatchPlan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code ./fieldcast bench solomon}: solves every VRPTW instance in a directory with the production model and
 * constraint provider, checks each result with {@link VrptwChecker}, and compares the distance with the
 * best-known solution.
 */
public final class SolomonBench {

    record Row(String instance, int customers, boolean feasible, double distance, int routes, Double bestKnown,
               Integer bestRoutes, String score, String violation, long movesPerSecond) {

        /** Solomon's and Gehring–Homberger's classes: C1, C2, R1, R2, RC1, RC2 (the name up to the first digit run). */
        String instanceClass() {
            String upper = instance.toUpperCase(Locale.ROOT);
            int i = 0;
            while (i < upper.length() && Character.isLetter(upper.charAt(i))) {
                i++;
            }
            return i < upper.length() ? upper.substring(0, i + 1) : upper;
        }

        /** No more routes than the best-known solution: a fair comparison with a hierarchical (vehicles first) one. */
        boolean sameOrFewerRoutes() {
            return bestRoutes != null && routes <= bestRoutes;
        }

        Double gapPct() {
            return bestKnown == null || !feasible ? null : 100.0 * (distance - bestKnown) / bestKnown;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("FIELDCAST_DATA_DIR", "../shared/data"));
        Path dir = dataDir.resolve("solomon");
        Path bks = null;
        int seconds = 30;
        String glob = "*";
        int parallel = Runtime.getRuntime().availableProcessors();
        long seed = 0;
        int portfolio = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dir" -> { dir = Path.of(require(args[i], value)); i++; }
                case "--bks" -> { bks = Path.of(require(args[i], value)); i++; }
                case "--seconds" -> { seconds = Integer.parseInt(require(args[i], value)); i++; }
                case "--instances" -> { glob = require(args[i], value); i++; }
                case "--parallel" -> { parallel = Integer.parseInt(require(args[i], value)); i++; }
                case "--seed" -> { seed = Long.parseLong(require(args[i], value)); i++; }
                case "--portfolio" -> { portfolio = Integer.parseInt(require(args[i], value)); i++; }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (!Files.isDirectory(dir)) {
            usage("no instance directory " + dir + " (set --dir or FIELDCAST_DATA_DIR)");
        }
        BestKnown best = BestKnown.read(bks != null ? bks : dir.resolve("bks.csv"));
        List<Path> files = instances(dir, glob);
        if (files.isEmpty()) {
            usage("no instance matches " + glob + " in " + dir);
        }
        System.out.printf(Locale.ROOT, "Solving %d instances from %s, %d s each, %d at a time, %d run(s) each with "
                + "its own seed, best kept; best-known column %s%n", files.size(), dir, seconds, parallel, portfolio,
                best.column());
        List<Row> rows = run(files, best, seconds, parallel, seed, portfolio);
        print(rows, seconds, best.hierarchical());
    }

    private static List<Row> run(List<Path> files, BestKnown best, int seconds, int parallel, long seed,
                                 int portfolio) throws Exception {
        SolverConfig config = solverConfig(seconds, seed, best.precision());
        List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    Row row = solve(config, portfolio, file, best);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "[%d/%d] %-10s %s distance=%.1f routes=%d moves/s=%d gap=%s%n",
                            rows.size(), files.size(), row.instance(), row.feasible() ? "feasible  " : "INFEASIBLE",
                            row.distance(), row.routes(), row.movesPerSecond(), row.gapPct() == null ? "-"
                                    : String.format(Locale.ROOT, "%.2f%%", row.gapPct()));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        rows.sort((a, b) -> a.instance().compareToIgnoreCase(b.instance()));
        return rows;
    }

    static SolverConfig solverConfig(int seconds, long seed, VrptwInstance.Precision precision) {
        return SolverTuning.config(Duration.ofSeconds(seconds), seed, VrptwModel.softTemperature(precision));
    }

    private static Row solve(SolverConfig config, int portfolio, Path file, BestKnown best) {
        try {
            VrptwInstance instance = VrptwInstance.read(file);
            DispatchPlan solved;
            long speed = 0;
            if (portfolio > 1) {
                solved = Portfolio.solve(config, () -> VrptwModel.toPlan(instance, best.precision()), portfolio);
            } else {
                var solver = SolverFactory.<DispatchPlan>create(config).buildSolver();
                solved = solver.solve(VrptwModel.toPlan(instance, best.precision()));
                speed = solver instanceof DefaultSolver<DispatchPlan> d ? d.getMoveEvaluationSpeed() : 0;
            }
            var check = VrptwChecker.check(instance, VrptwModel.routes(solved), best.precision());
            return new Row(instance.name(), instance.customerCount(), check.feasible(), check.distance(),
                    check.routes(), best.distance(instance.name()).orElse(null),
                    best.routes(instance.name()).orElse(null), String.valueOf(solved.getScore()),
                    check.violations().isEmpty() ? "" : check.violations().getFirst(), speed);
        } catch (IOException | RuntimeException e) {
            return new Row(file.getFileName().toString(), 0, false, 0, 0, null, null, "-", String.valueOf(e), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Row(file.getFileName().toString(), 0, false, 0, 0, null, null, "-", "interrupted", 0);
        }
    }

    private static void print(List<Row> rows, int seconds, boolean hierarchical) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %5s %-10s %10s %6s %10s %7s  %s%n", "instance", "n", "feasible",
                "distance", "routes", "best", "gap%", "score / first violation");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-10s %5d %-10s %10.1f %6d %10s %7s  %s%n", r.instance(), r.customers(),
                    r.feasible() ? "yes" : "NO", r.distance(), r.routes(),
                    r.bestKnown() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.bestKnown()),
                    r.gapPct() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.gapPct()),
                    r.violation().isEmpty() ? r.score() : r.violation());
        }
        List<Double> gaps = rows.stream().map(Row::gapPct).filter(g -> g != null).sorted().toList();
        long feasible = rows.stream().filter(Row::feasible).count();
        double mean = gaps.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double median = gaps.isEmpty() ? Double.NaN : gaps.size() % 2 == 1 ? gaps.get(gaps.size() / 2)
                : (gaps.get(gaps.size() / 2 - 1) + gaps.get(gaps.size() / 2)) / 2;
        double max = gaps.isEmpty() ? Double.NaN : gaps.getLast();
        Map<String, List<Row>> byClass = new TreeMap<>();
        rows.forEach(r -> byClass.computeIfAbsent(r.instanceClass(), k -> new ArrayList<>()).add(r));
        StringBuilder classes = new StringBuilder("mean gap by class:");
        byClass.forEach((c, rs) -> classes.append(String.format(Locale.ROOT, " %s %.2f %%", c,
                rs.stream().map(Row::gapPct).filter(g -> g != null).mapToDouble(Double::doubleValue).average()
                        .orElse(Double.NaN))));
        System.out.println(classes);
        List<Row> matched = rows.stream().filter(r -> r.gapPct() != null && r.sameOrFewerRoutes()).toList();
        double matchedMean = matched.stream().mapToDouble(Row::gapPct).average().orElse(Double.NaN);
        if (hierarchical) {
            System.out.printf(Locale.ROOT, "The best-known solutions use the fewest vehicles first: with more routes a "
                    + "plan can drive less. On the %d instances where this run used no more routes than the best-known, "
                    + "mean gap %.2f %%.%n", matched.size(), matchedMean);
        }
        System.out.printf(Locale.ROOT, "BENCH solomon instances=%d seconds=%d feasible=%d mean_gap_pct=%.2f "
                + "median_gap_pct=%.2f max_gap_pct=%.2f reference=%s same_routes=%d same_routes_mean_gap_pct=%.2f%n",
                rows.size(), seconds, feasible, mean, median, max, hierarchical ? "hierarchical" : "distance_only",
                matched.size(), matchedMean);
    }

    private static List<Path> instances(Path dir, String glob) throws IOException {
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .filter(p -> matcher.matches(p.getFileName())
                            || matcher.matches(Path.of(p.getFileName().toString().replaceFirst("\\.txt$", ""))))
                    .sorted().toList();
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("bench solomon: " + problem);
        System.err.println("usage: ./fieldcast bench solomon [--dir DIR] [--bks FILE] [--seconds S] "
                + "[--instances GLOB] [--parallel P] [--seed N] [--portfolio K]");
        System.exit(2);
    }
}
