package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Independent solves of one problem at once, each with its own random seed, the best plan kept: a way to use
 * several cores without Timefold's multi-threaded solving (an Enterprise feature). Each run gets its own copy of the
 * problem from {@code problem}.
 */
public final class Portfolio {

    private Portfolio() {
    }

    public static DispatchPlan solve(SolverConfig config, Supplier<DispatchPlan> problem, int runs)
            throws InterruptedException {
        if (runs <= 1) {
            return SolverFactory.<DispatchPlan>create(config).buildSolver().solve(problem.get());
        }
        long seed = config.getRandomSeed() == null ? 0 : config.getRandomSeed();
        try (ExecutorService pool = Executors.newFixedThreadPool(runs)) {
            List<Future<DispatchPlan>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                SolverConfig own = config.copyConfig().withRandomSeed(seed + 7919L * i);
                futures.add(pool.submit(() -> SolverFactory.<DispatchPlan>create(own).buildSolver()
                        .solve(problem.get())));
            }
            List<DispatchPlan> plans = new ArrayList<>();
            for (Future<DispatchPlan> f : futures) {
                plans.add(f.get());
            }
            return plans.stream().max(Comparator.comparing(DispatchPlan::getScore)).orElseThrow();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run of the portfolio failed", e.getCause());
        }
    }
}
