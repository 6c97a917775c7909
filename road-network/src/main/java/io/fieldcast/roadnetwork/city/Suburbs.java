package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Outer neighbourhoods: curving collector drives between two radials, each feeding cul-de-sacs and crescents.
 * They reach the rest of the city only through the radials, as real subdivisions do.
 */
final class Suburbs {

    private static final double ARC_SPACING = 420;
    private static final double ARC_NODE_STEP = 40;
    private static final double FARMLAND_PROBABILITY = 0.15;
    private static final double CRESCENT_PROBABILITY = 0.25;
    private static final String[] TREES = {"Oak", "Maple", "Cedar", "Birch", "Willow", "Aspen", "Pine", "Elm", "Ash",
        "Rowan", "Hazel", "Linden", "Alder", "Beech", "Holly", "Laurel"};

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
            int ring = 0;
            for (double r = coreRadius + 300; r < half - 250; r += ARC_SPACING, ring++) {
                boolean nearMotorway = Math.abs(r - arterials.motorwayRadius()) < 300;
                if (!nearMotorway && random.nextDouble() >= FARMLAND_PROBABILITY) {
                    drawArc(k, r, ring);
                }
            }
        }
    }

    private void drawArc(int k, double radius, int ring) {
        double from = arterials.radialAngles[k];
        double span = Arterials.normalize(arterials.radialAngles[(k + 1) % Arterials.RADIALS] - from);
        int steps = (int) Math.ceil(radius * span / ARC_NODE_STEP);
        double wigglePhase = random.nextDouble() * 2 * Math.PI;
        String name = TREES[(k * 7 + ring) % TREES.length] + " Drive";

        List<Integer> piece = new ArrayList<>();
        piece.add(arterials.nearestRadialNode(k, radius * Math.cos(from), radius * Math.sin(from)));
        for (int i = 1; i < steps; i++) {
            double a = from + span * i / steps;
            double r = radius + 30 * Math.sin(7 * a + wigglePhase);
            double x = r * Math.cos(a);
            double y = r * Math.sin(a);
            if (!piece.isEmpty() && river.blocks(city.x(piece.getLast()), city.y(piece.getLast()), x, y)) {
                finishArc(piece, name, radius);
                piece = new ArrayList<>();
            }
            if (!river.onBank(x, y)) {
                piece.add(city.addNode(x, y));
            }
        }
        double to = from + span;
        int end = arterials.nearestRadialNode((k + 1) % Arterials.RADIALS, radius * Math.cos(to), radius * Math.sin(to));
        if (!piece.isEmpty() && !river.blocks(city.x(piece.getLast()), city.y(piece.getLast()), city.x(end), city.y(end))) {
            piece.add(end);
        }
        finishArc(piece, name, radius);
    }

    private void finishArc(List<Integer> piece, String name, double radius) {
        if (piece.size() < 2) {
            return;
        }
        city.addWay(CityModel.Kind.ARC, piece).tag("highway", "tertiary").tag("maxspeed", "40").tag("name", name);
        int side = random.nextBoolean() ? 1 : -1;
        for (int i = 2; i < piece.size() - 3; i += 3) {
            side = -side;
            if (random.nextDouble() < CRESCENT_PROBABILITY && i + 3 < piece.size() - 1) {
                drawCrescent(piece.get(i), piece.get(i + 3), side);
                i += 3;
            } else {
                drawCulDeSac(piece.get(i), side);
            }
        }
    }

    private void drawCulDeSac(int base, int side) {
        double bx = city.x(base);
        double by = city.y(base);
        double r = Math.hypot(bx, by);
        double ux = side * bx / r;
        double uy = side * by / r;
        double length = 100 + random.nextDouble() * 90;
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
        double depth = 120 + random.nextDouble() * 40;
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
