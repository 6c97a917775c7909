package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.ListChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.ListRuinRecreateMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.ListSwapMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.SubListChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.SubListSwapMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.kopt.KOptListMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The solver configuration shared by the service and the benchmarks, so both measure the same thing. */
public final class SolverTuning {

    private SolverTuning() {
    }

    /** Simulated annealing starts this many soft points warm: 200 seconds of driving on a real day. */
    public static final long SOFT_TEMPERATURE = 200;

    public static SolverConfig config(Duration limit, Long seed) {
        return config(limit, seed, SOFT_TEMPERATURE);
    }

    /**
     * The configuration for a problem whose travel ticks are on another scale than seconds (the benchmarks' distance
     * units): {@code softTemperature} is where simulated annealing starts, in soft points.
     */
    public static SolverConfig config(Duration limit, Long seed, long softTemperature) {
        return new SolverConfig()
                .withSolutionClass(DispatchPlan.class)
                .withEntityClasses(TechnicianShift.class, Visit.class)
                .withConstraintProviderClass(DispatchConstraints.class)
                .withRandomSeed(seed)
                .withTerminationSpentLimit(limit)
                .withPhaseList(phases(softTemperature));
    }

    /**
     * Regret insertion of every visit nobody serves yet ({@link RegretConstruction}); Timefold's construction after it
     * only sees what no place could take. {@code -Dfieldcast.tune.construction=timefold} leaves it all to Timefold's.
     */
    static List<PhaseConfig> phases(long softTemperature) {
        List<PhaseConfig> phases = new ArrayList<>();
        if (!"timefold".equals(System.getProperty("fieldcast.tune.construction"))) {
            phases.add(new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(RegretConstruction.class)));
        }
        phases.add(new ConstructionHeuristicPhaseConfig());
        phases.add(localSearch(softTemperature));
        return phases;
    }

    static LocalSearchPhaseConfig localSearch(long softTemperature) {
        var moves = new UnionMoveSelectorConfig().withMoveSelectorList(new ArrayList<>(List.of(
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(NearbyMoves.class)
                        .withFixedProbabilityWeight(8.0),
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(StringRemovalMoves.class)
                        .withFixedProbabilityWeight(Double.parseDouble(System.getProperty("fieldcast.tune.sisr", "6"))),
                new ListChangeMoveSelectorConfig().withFixedProbabilityWeight(1.0),
                new ListSwapMoveSelectorConfig().withFixedProbabilityWeight(1.0))));
        double subList = Double.parseDouble(System.getProperty("fieldcast.tune.sublist", "0"));
        if (subList > 0) {
            moves.getMoveSelectorList().add(new SubListChangeMoveSelectorConfig().withFixedProbabilityWeight(subList));
            moves.getMoveSelectorList().add(new SubListSwapMoveSelectorConfig().withFixedProbabilityWeight(subList));
        }
        double twoOpt = Double.parseDouble(System.getProperty("fieldcast.tune.kopt", "0"));
        if (twoOpt > 0) {
            moves.getMoveSelectorList().add(new KOptListMoveSelectorConfig().withFixedProbabilityWeight(twoOpt));
        }
        double ruinRecreate = Double.parseDouble(System.getProperty("fieldcast.tune.rr", "0"));
        if (ruinRecreate > 0) {
            moves.getMoveSelectorList().add(
                    new ListRuinRecreateMoveSelectorConfig().withFixedProbabilityWeight(ruinRecreate));
        }
        String acceptor = System.getProperty("fieldcast.tune.acceptor", "sa0hard/0medium/" + softTemperature + "soft");
        var acceptorConfig = acceptor.startsWith("sa")
                ? new LocalSearchAcceptorConfig().withSimulatedAnnealingStartingTemperature(acceptor.substring(2))
                : new LocalSearchAcceptorConfig().withLateAcceptanceSize(Integer.parseInt(acceptor.substring(2)));
        return new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(moves)
                .withAcceptorConfig(acceptorConfig)
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(
                        Integer.getInteger("fieldcast.tune.accepted", 1)));
    }
}
