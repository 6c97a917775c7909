package io.fieldcast.roadnetwork;

import java.util.Arrays;

/**
 * Travel times and distances for every (source, target) pair. An unreachable pair has {@code +Infinity} seconds and
 * meters, never 0, so a missing road cannot look like a free trip; check {@link #reachable(int, int)}.
 */
public final class TravelMatrix {

    private final int rows;
    private final int cols;
    private final double[] seconds;
    private final double[] meters;

    /**
     * @param seconds row-major, {@code rows * cols} travel times, {@code +Infinity} when unreachable
     * @param meters  row-major, {@code rows * cols} distances, {@code +Infinity} when unreachable
     */
    public TravelMatrix(int rows, int cols, double[] seconds, double[] meters) {
        if (seconds.length != rows * cols || meters.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " values");
        }
        this.rows = rows;
        this.cols = cols;
        this.seconds = seconds.clone();
        this.meters = meters.clone();
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Travel time from source {@code i} to target {@code j}, {@code +Infinity} when there is no route. */
    public double seconds(int i, int j) {
        return seconds[index(i, j)];
    }

    /** Driven distance from source {@code i} to target {@code j}, {@code +Infinity} when there is no route. */
    public double meters(int i, int j) {
        return meters[index(i, j)];
    }

    public boolean reachable(int i, int j) {
        return Double.isFinite(seconds[index(i, j)]);
    }

    /** A copy of one row of travel times. */
    public double[] secondsRow(int i) {
        return Arrays.copyOfRange(seconds, index(i, 0), index(i, 0) + cols);
    }

    /** Rounded whole seconds with {@code unreachable} in place of missing routes, the shape optimizers want. */
    public long[][] toWholeSeconds(long unreachable) {
        long[][] out = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = seconds[index(i, j)];
                out[i][j] = Double.isFinite(s) ? Math.round(s) : unreachable;
            }
        }
        return out;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + "," + j + ") outside " + rows + "x" + cols);
        }
        return i * cols + j;
    }
}
