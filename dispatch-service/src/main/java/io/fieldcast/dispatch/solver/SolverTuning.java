package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
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

    public static SolverConfig config(Duration limit, Long seed) {
        return new SolverConfig()
                .withSolutionClass(DispatchPlan.class)
                .withEntityClasses(TechnicianShift.class, Visit.class)
                .withConstraintProviderClass(DispatchConstraints.class)
                .withRandomSeed(seed)
                .withTerminationSpentLimit(limit)
                .withPhases(new ConstructionHeuristicPhaseConfig(), localSearch());
    }

    static LocalSearchPhaseConfig localSearch() {
        var moves = new UnionMoveSelectorConfig().withMoveSelectorList(new ArrayList<>(List.of(
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(NearbyMoves.class)
                        .withFixedProbabilityWeight(8.0),
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(StringRemovalMoves.class)
                        .withFixedProbabilityWeight(Double.parseDouble(System.getProperty("fieldcast.tune.sisr", "1"))),
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
        String acceptor = System.getProperty("fieldcast.tune.acceptor", "sa0hard/0medium/200soft");
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
