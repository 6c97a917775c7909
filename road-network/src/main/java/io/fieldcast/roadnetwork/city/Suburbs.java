package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Outer neighbourhoods: curving collector drives between two radials (some stopping halfway), links between
 * neighbouring drives, and cul-de-sacs and crescents off the drives. Each sector gets its own offsets and gaps
 * (farmland, parks) so the suburbs do not line up into rings.
 */
final class Suburbs {

    private static final double ARC_SPACING = 420;
    private static final double ARC_NODE_STEP = 40;
    private static final double FARMLAND_PROBABILITY = 0.1;
    private static final double PARTIAL_PROBABILITY = 0.2;
    private static final double CRESCENT_PROBABILITY = 0.25;
    private static final String[] TREES = {"Oak", "Maple", "Cedar", "Birch", "Willow", "Aspen", "Pine", "Elm", "Ash",
        "Rowan", "Hazel", "Linden", "Alder", "Beech", "Holly", "Laurel"};

    /** One stretch of a drive; {@code reserved} nodes carry a link to the next drive, so no cul-de-sac starts there. */
    private record Piece(List<Integer> nodes, Set<Integer> reserved, String name) {
    }

    private final CityModel city;
    private final River river;
    private final Random random;
    private final Arterials arterials;
    private final double half;
    private final double coreRadius;
    private int streetCounter;

    Suburbs(CityModel city, River river, Random random, Arterials arterials, double halfSize, double coreRadius) {
        this.city = city;
        this.river = river;
        this.random = random;
        this.arterials = arterials;
        this.half = halfSize;
        this.coreRadius = coreRadius;
    }

    void draw() {
        for (int k = 0; k < Arterials.RADIALS; k++) {
            List<List<Piece>> rings = drawDrives(k);
            for (int i = 0; i + 1 < rings.size(); i++) {
                link(rings.get(i), rings.get(i + 1), k);
            }
            for (List<Piece> ring : rings) {
                ring.forEach(this::drawSideStreets);
            }
        }
    }

    /** The drives of one sector, inner to outer; an empty list where the sector has farmland at that radius. */
    private List<List<Piece>> drawDrives(int k) {
        List<List<Piece>> rings = new ArrayList<>();
        double offset = random.nextDouble() * ARC_SPACING * 0.6;
        int ring = 0;
        for (double r = coreRadius + 250 + offset; r < half - 250; r += ARC_SPACING, ring++) {
            boolean nearMotorway = Math.abs(r - arterials.motorwayRadius()) < 330;
            if (nearMotorway || random.nextDouble() < FARMLAND_PROBABILITY) {
                rings.add(List.of());
                continue;
            }
            double start = 0;
            double end = 1;
            if (random.nextDouble() < PARTIAL_PROBABILITY) {
                // a drive that reaches only one radial and stops short of the other
                double stop = 0.35 + random.nextDouble() * 0.4;
                if (random.nextBoolean()) {
                    end = stop;
                } else {
                    start = stop;
                }
            }
            rings.add(drawArc(k, r + (random.nextDouble() - 0.5) * 30, ring, start, end));
        }
        return rings;
    }

    private List<Piece> drawArc(int k, double radius, int ring, double start, double end) {
        double from = arterials.radialAngles[k];
        double span = Arterials.normalize(arterials.radialAngles[(k + 1) % Arterials.RADIALS] - from);
        int steps = (int) Math.ceil(radius * span / ARC_NODE_STEP);
        double wigglePhase = random.nextDouble() * 2 * Math.PI;
        double wiggleFrequency = 5 + random.nextInt(7);
        String name = TREES[(k * 7 + ring) % TREES.length] + " Drive";
        List<Piece> pieces = new ArrayList<>();
        Piece piece = newPiece(name);
        if (start == 0) {
            piece.nodes.add(arterials.nearestRadialNode(k, radius * Math.cos(from), radius * Math.sin(from)));
        }
        for (int i = 1; i < steps; i++) {
            double f = (double) i / steps;
            if (f < start || f > end) {
                continue;
            }
            double a = from + span * f;
            double r = radius + 40 * Math.sin(wiggleFrequency * a + wigglePhase);
            double x = r * Math.cos(a);
            double y = r * Math.sin(a);
            if (!piece.nodes.isEmpty() && blocked(piece.nodes.getLast(), x, y)) {
                finish(piece, pieces);
                piece = newPiece(name);
            }
            if (!river.onBank(x, y)) {
                piece.nodes.add(city.addNode(x, y));
            }
        }
        if (end == 1) {
            double to = from + span;
            int next = (k + 1) % Arterials.RADIALS;
            int last = arterials.nearestRadialNode(next, radius * Math.cos(to), radius * Math.sin(to));
            if (!piece.nodes.isEmpty() && !blocked(piece.nodes.getLast(), city.x(last), city.y(last))) {
                piece.nodes.add(last);
            }
        } else if (piece.nodes.size() >= 2) {
            city.tagNode(piece.nodes.getLast(), "highway", "turning_circle");
        }
        finish(piece, pieces);
        return pieces;
    }

    private boolean blocked(int from, double x, double y) {
        return river.blocks(city.x(from), city.y(from), x, y);
    }

    private static Piece newPiece(String name) {
        return new Piece(new ArrayList<>(), new HashSet<>(), name);
    }

    private void finish(Piece piece, List<Piece> pieces) {
        if (piece.nodes.size() >= 2) {
            city.addWay(CityModel.Kind.ARC, piece.nodes).tag("highway", "tertiary").tag("maxspeed", "40")
                    .tag("name", piece.name);
            pieces.add(piece);
        }
    }

    /** One or two straight links between neighbouring drives, so a suburb is a network and not a comb. */
    private void link(List<Piece> inner, List<Piece> outer, int k) {
        if (inner.isEmpty() || outer.isEmpty()) {
            return;
        }
        int links = 1 + random.nextInt(2);
        for (int l = 0; l < links; l++) {
            Piece a = inner.get(random.nextInt(inner.size()));
            Piece b = outer.get(random.nextInt(outer.size()));
            int ia = 2 + random.nextInt(Math.max(1, a.nodes.size() - 4));
            if (ia >= a.nodes.size() - 1) {
                continue;
            }
            int start = a.nodes.get(ia);
            int ib = nearestIndex(b, city.x(start), city.y(start));
            int end = b.nodes.get(ib);
            double length = Math.hypot(city.x(end) - city.x(start), city.y(end) - city.y(start));
            if (ib == 0 || ib == b.nodes.size() - 1 || length > 600) {
                continue;
            }
            if (drawStraight(start, end, TREES[(k * 3 + l) % TREES.length] + " Link")) {
                a.reserved.add(ia);
                b.reserved.add(ib);
            }
        }
    }

    private int nearestIndex(Piece piece, double x, double y) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < piece.nodes.size(); i++) {
            int n = piece.nodes.get(i);
            double d = Math.hypot(city.x(n) - x, city.y(n) - y);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private boolean drawStraight(int start, int end, String name) {
        double dx = city.x(end) - city.x(start);
        double dy = city.y(end) - city.y(start);
        int steps = Math.max(1, (int) Math.round(Math.hypot(dx, dy) / ARC_NODE_STEP));
        if (river.blocks(city.x(start), city.y(start), city.x(end), city.y(end))) {
            return false;
        }
        List<Integer> nodes = new ArrayList<>(List.of(start));
        for (int s = 1; s < steps; s++) {
            nodes.add(city.addNode(city.x(start) + dx * s / steps, city.y(start) + dy * s / steps));
        }
        nodes.add(end);
        city.addWay(CityModel.Kind.ARC, nodes).tag("highway", "residential").tag("name", name);
        return true;
    }

    private void drawSideStreets(Piece piece) {
        List<Integer> nodes = piece.nodes;
        int side = random.nextBoolean() ? 1 : -1;
        for (int i = 2; i < nodes.size() - 3; i += 2) {
            side = -side;
            if (near(piece.reserved, i, 2)) {
                continue;
            }
            boolean roomForLoop = i + 3 < nodes.size() - 1 && !near(piece.reserved, i + 3, 2);
            if (random.nextDouble() < CRESCENT_PROBABILITY && roomForLoop) {
                drawCrescent(nodes.get(i), nodes.get(i + 3), side);
                i += 3;
            } else {
                drawCulDeSac(nodes.get(i), side);
            }
        }
    }

    private static boolean near(Set<Integer> reserved, int index, int distance) {
        for (int r : reserved) {
            if (Math.abs(r - index) <= distance) {
                return true;
            }
        }
        return false;
    }

    private void drawCulDeSac(int base, int side) {
        double bx = city.x(base);
        double by = city.y(base);
        double r = Math.hypot(bx, by);
        double ux = side * bx / r;
        double uy = side * by / r;
        double length = 80 + random.nextDouble() * 70;
        double bend = (random.nextDouble() - 0.5) * 50;
        List<Integer> nodes = new ArrayList<>(List.of(base));
        for (double d = 35; d <= length; d += 35) {
            double lateral = bend * Math.sin(Math.PI * d / length / 2);
            double x = bx + ux * d - uy * lateral;
            double y = by + uy * d + ux * lateral;
            int last = nodes.getLast();
            if (river.blocks(city.x(last), city.y(last), x, y)) {
                break;
            }
            nodes.add(city.addNode(x, y));
        }
        if (nodes.size() >= 2) {
            city.tagNode(nodes.getLast(), "highway", "turning_circle");
            city.addWay(CityModel.Kind.BRANCH, nodes).tag("highway", "residential")
                    .tag("name", TREES[streetCounter++ % TREES.length] + " Close " + streetCounter);
        }
    }

    /** A loop street leaving the drive at {@code from} and coming back at {@code to}. */
    private void drawCrescent(int from, int to, int side) {
        double depth = 100 + random.nextDouble() * 40;
        double[][] offsets = {{0, 0.33}, {0, 0.66}, {0, 1}, {0.5, 1}, {1, 1}, {1, 0.66}, {1, 0.33}};
        List<Integer> nodes = new ArrayList<>(List.of(from));
        for (double[] o : offsets) {
            double bx = city.x(from) + o[0] * (city.x(to) - city.x(from));
            double by = city.y(from) + o[0] * (city.y(to) - city.y(from));
            double r = Math.hypot(bx, by);
            double x = bx + side * bx / r * depth * o[1];
            double y = by + side * by / r * depth * o[1];
            int last = nodes.getLast();
            if (river.blocks(city.x(last), city.y(last), x, y)) {
                return;
            }
            nodes.add(city.addNode(x, y));
        }
        nodes.add(to);
        city.addWay(CityModel.Kind.BRANCH, nodes).tag("highway", "residential")
                .tag("name", TREES[streetCounter++ % TREES.length] + " Crescent " + streetCounter);
    }
}
