package io.fieldcast.roadnetwork.matrix;

import java.util.Arrays;

/**
 * Groups a search's labels by node. An edge-based search can settle a node several times, once per edge it arrives
 * on, and joining every forward label with every backward label multiplies those counts. But where no turn
 * restriction applies, a turn costs nothing unless it goes back onto the same road, so per node only two labels
 * matter: the best, and the best on a different original edge (the way out if the best would need a u-turn).
 * Nodes with turn restrictions keep all their labels.
 */
final class NodeGroups {

    private final TurnCosts turns;
    private final int[] best1;
    private final int[] best2;
    private final int[] stamp;
    private int round;

    int nodeCount;
    int[] nodes = new int[256];
    int specialCount;
    int[] special = new int[64];

    NodeGroups(TurnCosts turns, int nodes) {
        this.turns = turns;
        this.best1 = new int[nodes];
        this.best2 = new int[nodes];
        this.stamp = new int[nodes];
    }

    void group(UpwardSearch.Labels labels) {
        round++;
        nodeCount = 0;
        specialCount = 0;
        for (int s = 0; s < labels.size; s++) {
            int v = labels.node[s];
            if (turns.special(v)) {
                addSpecial(s);
            } else if (stamp[v] != round) {
                stamp[v] = round;
                best1[v] = s;
                best2[v] = -1;
                addNode(v);
            } else if (labels.weight[s] < labels.weight[best1[v]]) {
                best1[v] = s;
            }
        }
        for (int s = 0; s < labels.size; s++) {
            int v = labels.node[s];
            if (turns.special(v) || s == best1[v]) {
                continue;
            }
            int b = best1[v];
            boolean otherRoad = labels.edge[s] != labels.edge[b];
            if (otherRoad && (best2[v] < 0 || labels.weight[s] < labels.weight[best2[v]])) {
                best2[v] = s;
            }
        }
    }

    int best1(int node) {
        return best1[node];
    }

    /** Best label on another original edge than {@link #best1}, or -1. */
    int best2(int node) {
        return best2[node];
    }

    private void addNode(int v) {
        if (nodeCount == nodes.length) {
            nodes = Arrays.copyOf(nodes, nodeCount * 2);
        }
        nodes[nodeCount++] = v;
    }

    private void addSpecial(int s) {
        if (specialCount == special.length) {
            special = Arrays.copyOf(special, specialCount * 2);
        }
        special[specialCount++] = s;
    }
}
