package io.fieldcast.bench.dispatch;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import io.fieldcast.dispatch.plan.PlanInput;
import io.fieldcast.dispatch.plan.PlanProblem;
import io.fieldcast.dispatch.plan.PlanProblemBuilder;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.RouteCheck;
import io.fieldcast.dispatch.solver.SolverTuning;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Visit;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * {@code ./fieldcast bench dispatch}: a realistic day on the synthetic city — 50 technicians, 500 visits with 2-
 * and 4-hour windows, skills and breaks — planned by Timefold and by greedy cheapest insertion (what a dispatcher
 * with a good insertion tool gets), measured on the same model.
 */
public final class DispatchBench {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 4);

    record JobKind(String code, int minutes, Map<String, Integer> skills, double share) {
    }

    private static final List<JobKind> KINDS = List.of(
            new JobKind("REPAIR", 40, Map.of(), 0.45),
            new JobKind("INSTALL", 60, Map.of("fiber", 2), 0.25),
            new JobKind("GAS", 35, Map.of("gas", 1), 0.10),
            new JobKind("QUICK", 15, Map.of(), 0.20));

    public static void main(String[] args) throws Exception {
        int technicians = 50;
        int visits = 500;
        int seconds = 60;
        int referenceSeconds = 600;
        long seed = 7;
        Path osm = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--technicians" -> { technicians = Integer.parseInt(value); i++; }
                case "--visits" -> { visits = Integer.parseInt(value); i++; }
                case "--seconds" -> { seconds = Integer.parseInt(value); i++; }
                case "--seed" -> { seed = Long.parseLong(value); i++; }
                case "--reference-seconds" -> { referenceSeconds = Integer.parseInt(value); i++; }
                case "--osm" -> { osm = Path.of(value); i++; }
                default -> {
                    System.err.println("usage: ./fieldcast bench dispatch [--technicians N] [--visits N] "
                            + "[--seconds S] [--reference-seconds S] [--seed N] [--osm FILE]");
                    System.exit(2);
                }
            }
        }
        RoadNetworkConfig config = osm == null ? RoadNetworkConfig.syntheticCity() : RoadNetworkConfig.osm(osm);
        System.out.println("Opening the road network…");
        try (RoadNetwork network = RoadNetwork.open(config)) {
            PlanInput input = day(network, technicians, visits, seed);
            System.out.printf(Locale.ROOT, "Computing the %d×%d travel matrix…%n", technicians + visits,
                    technicians + visits);
            long matrixStart = System.nanoTime();
            PlanProblem baselineProblem = PlanProblemBuilder.build(input, network, null, null,
                    ConstraintWeightOverrides.none());
            long matrixMs = (System.nanoTime() - matrixStart) / 1_000_000;

            long greedyStart = System.nanoTime();
            DispatchPlan greedy = greedy(baselineProblem.plan());
            long greedyMs = (System.nanoTime() - greedyStart) / 1_000_000;
            SolutionManager<DispatchPlan, HardMediumSoftScore> scores = SolutionManager.create(
                    SolverFactory.<DispatchPlan>create(SolverTuning.config(Duration.ofSeconds(seconds), seed)));
            scores.update(greedy);
            var baseline = PlanProblem.kpis(greedy);

            // The optimizer starts where booking left the day: the greedy plan (as in the service, where each
            // booking inserts cheaply and the solve improves the whole day). "before" is the search as it was
            // without string removal and regret construction, run here so both meet the same day on the same machine.
            Result before = solve("before (no string removal)", beforeConfig(seconds, seed), input, network, true);
            Result now = solve("now", SolverTuning.config(Duration.ofSeconds(seconds), seed), input, network, true);
            Result coldBefore = solve("before, from nothing, 5 s", beforeConfig(5, seed), input, network, false);
            Result cold = solve("now, from nothing, 5 s", SolverTuning.config(Duration.ofSeconds(5), seed), input,
                    network, false);
            Result reference = referenceSeconds <= 0 ? null : solve("reference " + referenceSeconds + " s",
                    SolverTuning.config(Duration.ofSeconds(referenceSeconds), seed), input, network, true);

            System.out.println();
            System.out.printf(Locale.ROOT, "%-48s %10s %10s %10s %12s %10s %26s%n", "", "assigned%", "travel h",
                    "late", "overtime h", "time s", "score");
            row("greedy insertion", baseline, greedyMs / 1000.0, greedy.getScore());
            for (Result r : new Result[] {before, now, coldBefore, cold, reference}) {
                if (r != null) {
                    row(r.name() + " (" + r.movesPerSecond() + " moves/s)", r.kpis(), r.seconds(),
                            r.plan().getScore());
                }
            }
            System.out.printf(Locale.ROOT, "(matrix %d ms; travel against greedy %.1f%%, against before %.1f%%%s)%n",
                    matrixMs, 100 * (now.kpis().travelHours() - baseline.travelHours()) / baseline.travelHours(),
                    100 * (now.kpis().travelHours() - before.kpis().travelHours()) / before.kpis().travelHours(),
                    reference == null ? "" : String.format(Locale.ROOT, ", above the reference %.1f%%",
                            100 * (now.kpis().travelHours() - reference.kpis().travelHours())
                                    / reference.kpis().travelHours()));
            var kpis = now.kpis();
            System.out.printf(Locale.ROOT, "BENCH dispatch technicians=%d visits=%d seconds=%d assigned_pct=%.1f "
                            + "travel_h=%.1f late=%d overtime_h=%.1f solve_s=%.1f baseline_assigned_pct=%.1f "
                            + "baseline_travel_h=%.1f baseline_late=%d baseline_overtime_h=%.1f "
                            + "before_assigned_pct=%.1f before_travel_h=%.1f before_overtime_h=%.1f "
                            + "cold5_assigned_pct=%.1f cold5_travel_h=%.1f cold5_before_assigned_pct=%.1f "
                            + "cold5_before_travel_h=%.1f reference_s=%d reference_travel_h=%s "
                            + "reference_overtime_h=%s%n",
                    technicians, visits, seconds, kpis.assignedPct(), kpis.travelHours(), kpis.late(),
                    kpis.overtimeHours(), now.seconds(), baseline.assignedPct(), baseline.travelHours(), baseline.late(),
                    baseline.overtimeHours(), before.kpis().assignedPct(), before.kpis().travelHours(),
                    before.kpis().overtimeHours(), cold.kpis().assignedPct(), cold.kpis().travelHours(),
                    coldBefore.kpis().assignedPct(), coldBefore.kpis().travelHours(), referenceSeconds,
                    reference == null ? "-" : String.format(Locale.ROOT, "%.1f", reference.kpis().travelHours()),
                    reference == null ? "-" : String.format(Locale.ROOT, "%.1f", reference.kpis().overtimeHours()));
        }
    }

    record Result(String name, DispatchPlan plan, PlanProblem.Kpis kpis, double seconds, long movesPerSecond) {
    }

    /** The search as it was before string removal and regret construction (both can be switched off by property). */
    static SolverConfig beforeConfig(int seconds, long seed) {
        System.setProperty("fieldcast.tune.sisr", "0");
        System.setProperty("fieldcast.tune.construction", "timefold");
        try {
            return SolverTuning.config(Duration.ofSeconds(seconds), seed);
        } finally {
            System.clearProperty("fieldcast.tune.sisr");
            System.clearProperty("fieldcast.tune.construction");
        }
    }

    private static Result solve(String name, SolverConfig config, PlanInput input, RoadNetwork network,
                                boolean fromGreedy) {
        PlanProblem problem = PlanProblemBuilder.build(input, network, null, null, ConstraintWeightOverrides.none());
        if (fromGreedy) {
            greedy(problem.plan());
        }
        Solver<DispatchPlan> solver = SolverFactory.<DispatchPlan>create(config).buildSolver();
        long solveStart = System.nanoTime();
        long[] lastPrint = {System.nanoTime()};
        solver.addEventListener(event -> {
            long now = System.nanoTime();
            if (now - lastPrint[0] > 10_000_000_000L) {
                lastPrint[0] = now;
                System.out.printf(Locale.ROOT, "  %-30s %6.1f s  best %s%n", name, (now - solveStart) / 1e9,
                        event.getNewBestScore());
            }
        });
        System.out.printf(Locale.ROOT, "Solving: %s…%n", name);
        DispatchPlan solved = solver.solve(problem.plan());
        double seconds = (System.nanoTime() - solveStart) / 1e9;
        long speed = solver instanceof DefaultSolver<DispatchPlan> d ? d.getMoveEvaluationSpeed() : 0;
        return new Result(name, solved, PlanProblem.kpis(solved), seconds, speed);
    }

    private static void row(String name, PlanProblem.Kpis k, double seconds, Object score) {
        System.out.printf(Locale.ROOT, "%-48s %10.1f %10.1f %10d %12.1f %10.1f %26s%n", name, k.assignedPct(),
                k.travelHours(), k.late(), k.overtimeHours(), seconds, score);
    }

    /** A day with skills, breaks, 2- and 4-hour windows, deterministic from the seed. */
    static PlanInput day(RoadNetwork network, int technicians, int visits, long seed) {
        Random random = new Random(seed);
        List<GeoPoint> places = network.randomResidentialPoints(technicians + visits, seed);
        List<PlanInput.ShiftInput> shifts = new ArrayList<>();
        for (int t = 0; t < technicians; t++) {
            Map<String, Integer> skills = new HashMap<>();
            if (random.nextDouble() < 0.4) {
                skills.put("fiber", 2 + random.nextInt(2));
            }
            if (random.nextDouble() < 0.2) {
                skills.put("gas", 1);
            }
            shifts.add(new PlanInput.ShiftInput("tech-" + t, "Tech " + t, places.get(t), at(8, 0), at(17, 0),
                    at(18, 0), skills, at(11, 0), at(13, 30), 30, Map.of()));
        }
        List<PlanInput.VisitInput> list = new ArrayList<>();
        int[][] twoHour = {{8, 10}, {10, 12}, {12, 14}, {14, 16}, {15, 17}};
        int[][] fourHour = {{8, 12}, {12, 16}, {13, 17}};
        for (int v = 0; v < visits; v++) {
            JobKind kind = pick(random);
            int[] w = random.nextBoolean() ? twoHour[random.nextInt(twoHour.length)]
                    : fourHour[random.nextInt(fourHour.length)];
            list.add(new PlanInput.VisitInput(new UUID(seed, v), places.get(technicians + v), at(w[0], 0),
                    at(w[1], 0), kind.code(), kind.minutes(), kind.skills(), 1 + random.nextInt(5), null, null,
                    false, false, null, null));
        }
        return new PlanInput("bench", DAY, ZoneOffset.UTC, shifts, list);
    }

    private static JobKind pick(Random random) {
        double r = random.nextDouble();
        for (JobKind k : KINDS) {
            r -= k.share();
            if (r <= 0) {
                return k;
            }
        }
        return KINDS.getLast();
    }

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    /**
     * Greedy cheapest insertion: visits by window start, each into the place that breaks no hard rule and adds
     * the least driving; none such, it stays unassigned.
     */
    static DispatchPlan greedy(DispatchPlan plan) {
        List<Visit> order = new ArrayList<>(plan.getVisits());
        order.sort(Comparator.comparingLong(Visit::windowStart).thenComparingLong(Visit::windowEnd));
        for (Visit v : order) {
            RouteCheck.Option best = null;
            for (TechnicianShift shift : plan.getShifts()) {
                if (!shift.qualifiedFor(v.requiredSkills())) {
                    continue;
                }
                for (RouteCheck.Option o : RouteCheck.options(shift, v)) {
                    if (o.hardTotal() == 0 && (best == null || o.extraTravel() < best.extraTravel())) {
                        best = o;
                    }
                }
            }
            if (best != null) {
                best.shift().getVisits().add(best.position(), v);
            }
        }
        return plan;
    }
}
