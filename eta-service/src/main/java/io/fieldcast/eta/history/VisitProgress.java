package io.fieldcast.eta.history;

import java.time.Instant;

/**
 * What the technician reported about a visit so far; null fields did not happen yet. {@code completed}: the job was
 * done (not "cannot complete": nobody home, a missing part), so its length says how long such a job takes.
 */
public record VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled,
                            boolean completed) {

    public static final VisitProgress NONE = new VisitProgress(null, null, null, false);

    /** A finished visit counts as a job done. */
    public VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled) {
        this(enRouteAt, arrivedAt, finishedAt, canceled, finishedAt != null && !canceled);
    }

    public boolean done() {
        return finishedAt != null || canceled;
    }

    public boolean inService() {
        return arrivedAt != null && !done();
    }
}
