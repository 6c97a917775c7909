package io.fieldcast.eta.model;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.model.cart.Loss;
import smile.regression.GradientTreeBoost;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Smile gradient tree boosting with quantile loss, one ensemble per quantile, on log values. Technician and group
 * enter as codes plus their observation counts; unseen technicians get code -1 (the trees' fleet-wide branches).
 */
public final class GradientBoostEstimator implements QuantileEstimator {

    private static final double[] LEVELS = {0.1, 0.5, 0.9};
    /** Smile logs every boosting round at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final Logger SMILE_LOG = quiet();
    private static final String[] COLUMNS = {"tech", "group", "techCount", "y"};

    private final int trees;
    private final int maxDepth;
    private final double shrinkage;

    public GradientBoostEstimator(int trees, int maxDepth, double shrinkage) {
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.shrinkage = shrinkage;
    }

    public GradientBoostEstimator() {
        this(200, 4, 0.05);
    }

    @Override
    public String name() {
        return "gradient-boost";
    }

    @Override
    public Fitted fit(List<Observation> data) {
        Map<String, Integer> techCode = new HashMap<>();
        Map<String, Integer> groupCode = new HashMap<>();
        Map<String, Integer> techCount = new HashMap<>();
        for (Observation o : data) {
            techCode.putIfAbsent(o.technician(), techCode.size());
            groupCode.putIfAbsent(o.group(), groupCode.size());
            techCount.merge(o.technician(), 1, Integer::sum);
        }
        double[][] rows = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            Observation o = data.get(i);
            rows[i] = new double[]{techCode.get(o.technician()), groupCode(groupCode, o.group()),
                    techCount.get(o.technician()), Math.log(o.value())};
        }
        DataFrame frame = DataFrame.of(rows, COLUMNS);
        Formula formula = Formula.lhs("y");
        GradientTreeBoost[] models = new GradientTreeBoost[LEVELS.length];
        int nodeSize = 5;
        for (int q = 0; q < LEVELS.length; q++) {
            var options = new GradientTreeBoost.Options(Loss.quantile(LEVELS[q]), trees, maxDepth,
                    1 << maxDepth, nodeSize, shrinkage, 0.7, null, null);
            models[q] = GradientTreeBoost.fit(formula, frame, options);
        }
        return (technician, group) -> {
            Integer code = techCode.get(technician);
            double[] x = {code == null ? -1 : code, groupCode(groupCode, group),
                    techCount.getOrDefault(technician, 0), 0};
            DataFrame one = DataFrame.of(new double[][]{x}, COLUMNS);
            double[] p = new double[LEVELS.length];
            for (int q = 0; q < LEVELS.length; q++) {
                p[q] = Math.exp(models[q].predict(one.get(0)));
            }
            Arrays.sort(p);
            return new Quantiles(p[0], p[1], p[2], 0);
        };
    }

    private static Logger quiet() {
        Logger log = Logger.getLogger("smile");
        log.setLevel(Level.WARNING);
        return log;
    }

    /** Hours are ordered, so their number is a meaningful split; other groups get their insertion code. */
    private static double groupCode(Map<String, Integer> codes, String group) {
        if (group.chars().allMatch(Character::isDigit) && !group.isEmpty()) {
            return Integer.parseInt(group);
        }
        return codes.getOrDefault(group, -1);
    }
}
