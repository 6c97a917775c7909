package io.fieldcast.eta.history;

import java.time.Instant;

/**
 * What the technician reported about a visit so far; null fields did not happen yet. {@code completed}: the job was
 * done (not "cannot complete": nobody home, a missing part), so its length says how long such a job takes.
 * {@code timeLeft}: the newest "about N minutes left" the technician said of the job while on site (null: none).
 */
public record VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled,
                            boolean completed, TimeLeft timeLeft) {

    public static final VisitProgress NONE = new VisitProgress(null, null, null, false);

    /** The technician's read of the job in hand: {@code minutes} left, said at {@code saidAt}. */
    public record TimeLeft(Instant saidAt, int minutes) {
    }

    /** Without a read of the time left. */
    public VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled,
                         boolean completed) {
        this(enRouteAt, arrivedAt, finishedAt, canceled, completed, null);
    }

    /** A finished visit counts as a job done. */
    public VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled) {
        this(enRouteAt, arrivedAt, finishedAt, canceled, finishedAt != null && !canceled);
    }

    /** The same progress with {@code read} as the newest read of the time left. */
    public VisitProgress withTimeLeft(TimeLeft read) {
        return new VisitProgress(enRouteAt, arrivedAt, finishedAt, canceled, completed, read);
    }

    public boolean done() {
        return finishedAt != null || canceled;
    }

    public boolean inService() {
        return arrivedAt != null && !done();
    }
}
