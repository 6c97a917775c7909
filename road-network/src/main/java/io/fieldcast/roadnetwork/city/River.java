package io.fieldcast.roadnetwork.city;

/**
 * A river meandering west to east below the centre. Roads may cross it only where a bridge is built on purpose.
 */
final class River {

    /** Half the width of the strip kept free of buildings and streets. */
    static final double BANK_METERS = 45;

    private final double half;
    private final double phase;

    River(double halfSizeMeters, double phase) {
        this.half = halfSizeMeters;
        this.phase = phase;
    }

    /** The river's centre line: north coordinate at east coordinate {@code x}. */
    double yAt(double x) {
        return -0.15 * half + 0.08 * half * Math.sin(2 * Math.PI * x / (0.9 * half) + phase)
                + 0.03 * half * Math.sin(2 * Math.PI * x / (0.37 * half) + 2 * phase);
    }

    boolean onBank(double x, double y) {
        return Math.abs(y - yAt(x)) < BANK_METERS;
    }

    boolean crosses(double x1, double y1, double x2, double y2) {
        return Math.signum(y1 - yAt(x1)) != Math.signum(y2 - yAt(x2));
    }

    /** Whether a straight street would wet its feet: crosses the river or ends on its bank. */
    boolean blocks(double x1, double y1, double x2, double y2) {
        return crosses(x1, y1, x2, y2) || onBank(x1, y1) || onBank(x2, y2);
    }

    void draw(CityModel city) {
        int n = (int) Math.ceil(2 * half / 120);
        int[] nodes = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            double x = -half + i * 120.0;
            nodes[i] = city.addNode(x, yAt(x));
        }
        city.addWay(CityModel.Kind.RIVER, nodes).tag("waterway", "river").tag("name", "Fieldcast River");
    }
}
