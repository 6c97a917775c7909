package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The old town: a slightly rotated, slightly irregular street grid with avenues every few blocks, missing links
 * (parks, railway yards), one-way residential streets and only two bridges of its own over the river.
 */
final class CoreGrid {

    static final double BLOCK_METERS = 95;
    private static final int AVENUE_EVERY = 6;
    private static final double GAP_PROBABILITY = 0.08;
    /**
     * Share of residential streets cut where they meet an avenue (a T-junction instead of a crossing), as towns do
     * to keep through traffic on the avenues; it also gives the network the hierarchy real cities have.
     */
    private static final double AVENUE_CUT_PROBABILITY = 0.4;
    private static final double ONEWAY_PROBABILITY = 0.3;
    private static final double ROTATION = Math.toRadians(12);

    private final CityModel city;
    private final River river;
    private final Random random;
    private final double radius;
    private final int n;
    private final int[][] grid;
    private final int[] bridgeColumns;

    CoreGrid(CityModel city, River river, Random random, double radius) {
        this.city = city;
        this.river = river;
        this.random = random;
        this.radius = radius;
        this.n = (int) Math.ceil(radius / BLOCK_METERS) + 1;
        this.grid = new int[2 * n + 1][2 * n + 1];
        this.bridgeColumns = new int[]{-(int) (0.3 * n), (int) (0.25 * n)};
    }

    void draw() {
        placeNodes();
        for (int j = -n; j <= n; j++) {
            drawLine(j, true);
        }
        for (int i = -n; i <= n; i++) {
            drawLine(i, false);
        }
    }

    private void placeNodes() {
        double wobblePhase = random.nextDouble() * 2 * Math.PI;
        for (int i = -n; i <= n; i++) {
            for (int j = -n; j <= n; j++) {
                double gx = i * BLOCK_METERS + (random.nextDouble() - 0.5) * 24;
                double gy = j * BLOCK_METERS + (random.nextDouble() - 0.5) * 24;
                double x = gx * Math.cos(ROTATION) - gy * Math.sin(ROTATION);
                double y = gx * Math.sin(ROTATION) + gy * Math.cos(ROTATION);
                double edge = radius * (1 + 0.1 * Math.sin(3 * Math.atan2(y, x) + wobblePhase));
                boolean inside = Math.hypot(x, y) < edge && !river.onBank(x, y);
                grid[i + n][j + n] = inside ? city.addNode(x, y) : -1;
            }
        }
    }

    /** One row ({@code horizontal}) or column of the grid, cut into ways wherever a link is missing. */
    private void drawLine(int line, boolean horizontal) {
        boolean avenue = line % AVENUE_EVERY == 0;
        List<Integer> run = new ArrayList<>();
        int runNumber = 0;
        for (int k = -n; k < n; k++) {
            int a = node(line, k, horizontal);
            int b = node(line, k + 1, horizontal);
            if (link(a, b, line, k, horizontal, avenue)) {
                if (run.isEmpty()) {
                    run.add(a);
                }
                run.add(b);
            } else {
                emit(run, line, horizontal, avenue, runNumber++);
                run = new ArrayList<>();
            }
        }
        emit(run, line, horizontal, avenue, runNumber);
    }

    private boolean link(int a, int b, int line, int k, boolean horizontal, boolean avenue) {
        if (a < 0 || b < 0) {
            return false;
        }
        boolean touchesAvenue = Math.floorMod(k, AVENUE_EVERY) == 0 || Math.floorMod(k + 1, AVENUE_EVERY) == 0;
        if (!avenue && touchesAvenue && random.nextDouble() < AVENUE_CUT_PROBABILITY) {
            return false;
        }
        if (river.crosses(city.x(a), city.y(a), city.x(b), city.y(b))) {
            return !horizontal && isBridgeColumn(line);
        }
        return avenue || random.nextDouble() >= GAP_PROBABILITY;
    }

    private boolean isBridgeColumn(int column) {
        for (int c : bridgeColumns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    private void emit(List<Integer> run, int line, boolean horizontal, boolean avenue, int runNumber) {
        if (run.size() < 2) {
            return;
        }
        boolean oneway = !avenue && run.size() >= 3 && random.nextDouble() < ONEWAY_PROBABILITY;
        if (oneway && Math.floorMod(line, 2) == 1) {
            run = run.reversed();
        }
        CityModel.Way way = city.addWay(CityModel.Kind.GRID, run);
        String name = streetName(line, horizontal, avenue);
        if (avenue) {
            way.tag("highway", horizontal ? "secondary" : "tertiary").tag("maxspeed", "50");
        } else {
            way.tag("highway", "residential");
        }
        way.tag("name", name);
        if (oneway) {
            way.tag("oneway", "yes");
        }
        if (runNumber > 0 && !avenue) {
            way.tag("note", "segment " + runNumber);
        }
    }

    private int node(int line, int k, boolean horizontal) {
        return horizontal ? grid[k + n][line + n] : grid[line + n][k + n];
    }

    private static String streetName(int line, boolean horizontal, boolean avenue) {
        String side = line < 0 ? (horizontal ? " South" : " West") : (horizontal ? " North" : " East");
        String ordinal = Math.abs(line) + side;
        if (avenue) {
            return ordinal + (horizontal ? " Avenue" : " Boulevard");
        }
        return ordinal + (horizontal ? " Street" : " Lane");
    }
}
