package io.fieldcast.eta.history;

import java.time.Instant;

/** What the technician reported about a visit so far; null fields did not happen yet. */
public record VisitProgress(Instant enRouteAt, Instant arrivedAt, Instant finishedAt, boolean canceled) {

    public static final VisitProgress NONE = new VisitProgress(null, null, null, false);

    public boolean done() {
        return finishedAt != null || canceled;
    }

    public boolean inService() {
        return arrivedAt != null && !done();
    }
}
