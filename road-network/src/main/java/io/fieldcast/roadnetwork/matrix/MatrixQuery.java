package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;

import java.util.List;

/**
 * Sources and targets snapped and anchored to the graph ({@link Anchor}), ready for the many-to-many or for the
 * one-to-one loop it is compared with.
 */
public final class MatrixQuery {

    final SnapState[] sources;
    final SnapState[] targets;
    final Anchor[] sourceAnchors;
    final Anchor[] targetAnchors;

    private MatrixQuery(SnapState[] sources, SnapState[] targets, Anchor[] sourceAnchors, Anchor[] targetAnchors) {
        this.sources = sources;
        this.targets = targets;
        this.sourceAnchors = sourceAnchors;
        this.targetAnchors = targetAnchors;
    }

    public static MatrixQuery of(BaseGraph graph, Weighting weighting, List<SnapState> sources,
                                 List<SnapState> targets) {
        Anchor[] from = sources.stream().map(s -> Anchor.of(s, graph, weighting, false)).toArray(Anchor[]::new);
        Anchor[] to = targets.stream().map(s -> Anchor.of(s, graph, weighting, true)).toArray(Anchor[]::new);
        return new MatrixQuery(sources.toArray(SnapState[]::new), targets.toArray(SnapState[]::new), from, to);
    }

    public int rows() {
        return sources.length;
    }

    public int cols() {
        return targets.length;
    }
}
