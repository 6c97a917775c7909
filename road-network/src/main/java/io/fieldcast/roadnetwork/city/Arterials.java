package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The fast roads: a roundabout in the centre, radial arterials out to the edge, an inner ring road and an orbital
 * motorway. Where they cross the grid the {@link Planarizer} adds junctions.
 */
final class Arterials {

    static final int RADIALS = 8;
    private static final double SQUARE_RADIUS = 150;
    private static final double RADIAL_STEP = 80;

    private final CityModel city;
    private final Random random;
    private final double half;
    private final double coreRadius;
    final double[] radialAngles = new double[RADIALS];
    /** Per radial, the ways from the centre outwards; suburbs attach to their nodes. */
    final List<List<CityModel.Way>> radialWays = new ArrayList<>();

    Arterials(CityModel city, Random random, double halfSize, double coreRadius) {
        this.city = city;
        this.random = random;
        this.half = halfSize;
        this.coreRadius = coreRadius;
        for (int k = 0; k < RADIALS; k++) {
            radialAngles[k] = k * 2 * Math.PI / RADIALS + 0.17 + (random.nextDouble() - 0.5) * 0.16;
        }
    }

    double ringRadius() {
        return 0.42 * half;
    }

    double motorwayRadius() {
        return 0.8 * half;
    }

    void draw() {
        int[] radialStarts = drawSquare();
        for (int k = 0; k < RADIALS; k++) {
            drawRadial(k, radialStarts[k]);
        }
        drawCircle(ringRadius(), 60, 0.04).tag("highway", "primary").tag("maxspeed", "70").tag("name", "Ring Road");
        drawCircle(motorwayRadius(), 100, 0.0).tag("highway", "motorway").tag("maxspeed", "100")
                .tag("name", "Orbital Motorway").tag("ref", "M1");
    }

    /** A one-way roundabout whose nodes include the first node of every radial. */
    private int[] drawSquare() {
        TreeMap<Double, Integer> byAngle = new TreeMap<>();
        int[] starts = new int[RADIALS];
        for (int k = 0; k < RADIALS; k++) {
            double a = normalize(radialAngles[k]);
            starts[k] = city.addNode(SQUARE_RADIUS * Math.cos(a), SQUARE_RADIUS * Math.sin(a));
            byAngle.put(a, starts[k]);
        }
        for (int i = 0; i < 24; i++) {
            double a = i * 2 * Math.PI / 24 + 0.05;
            byAngle.putIfAbsent(a, city.addNode(SQUARE_RADIUS * Math.cos(a), SQUARE_RADIUS * Math.sin(a)));
        }
        List<Integer> ring = new ArrayList<>(byAngle.values());
        ring.add(ring.getFirst());
        city.addWay(CityModel.Kind.SQUARE, ring).tag("highway", "primary").tag("junction", "roundabout")
                .tag("name", "Central Circus");
        return starts;
    }

    private void drawRadial(int k, int startNode) {
        double angle = radialAngles[k];
        double wigglePhase = random.nextDouble() * 2 * Math.PI;
        List<Integer> inner = new ArrayList<>(List.of(startNode));
        List<Integer> outer = new ArrayList<>();
        for (double r = SQUARE_RADIUS + RADIAL_STEP; r < 0.99 * half; r += RADIAL_STEP) {
            double offset = 60 * Math.sin(r / 1300 + wigglePhase);
            double x = r * Math.cos(angle) - offset * Math.sin(angle);
            double y = r * Math.sin(angle) + offset * Math.cos(angle);
            int node = city.addNode(x, y);
            if (r < coreRadius) {
                inner.add(node);
            } else {
                if (outer.isEmpty()) {
                    outer.add(inner.getLast());
                }
                outer.add(node);
            }
        }
        String name = RADIAL_NAMES[k] + " Road";
        List<CityModel.Way> ways = new ArrayList<>();
        ways.add(city.addWay(CityModel.Kind.RADIAL, inner).tag("highway", "primary").tag("maxspeed", "50")
                .tag("name", name));
        if (outer.size() >= 2) {
            ways.add(city.addWay(CityModel.Kind.RADIAL, outer).tag("highway", "primary").tag("maxspeed", "80")
                    .tag("name", name));
        }
        radialWays.add(ways);
    }

    private CityModel.Way drawCircle(double radius, double step, double wobble) {
        int count = (int) Math.ceil(2 * Math.PI * radius / step);
        double phase = random.nextDouble() * 2 * Math.PI;
        int[] nodes = new int[count + 1];
        for (int i = 0; i < count; i++) {
            double a = i * 2 * Math.PI / count;
            double r = radius * (1 + wobble * Math.sin(2 * a + phase));
            nodes[i] = city.addNode(r * Math.cos(a), r * Math.sin(a));
        }
        nodes[count] = nodes[0];
        CityModel.Kind kind = wobble > 0 ? CityModel.Kind.RING : CityModel.Kind.MOTORWAY;
        return city.addWay(kind, nodes);
    }

    /** The radial node nearest to a point, for streets that end on the arterial. */
    int nearestRadialNode(int k, double x, double y) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (CityModel.Way way : radialWays.get(k)) {
            int n = city.nearestNode(way, x, y);
            double d = Math.hypot(city.x(n) - x, city.y(n) - y);
            if (d < bestD) {
                bestD = d;
                best = n;
            }
        }
        return best;
    }

    static double normalize(double angle) {
        double a = angle % (2 * Math.PI);
        return a < 0 ? a + 2 * Math.PI : a;
    }

    static final String[] RADIAL_NAMES = {"Harbour", "North", "Mill", "Castle", "Forest", "Station", "Airport", "Lake"};
}
