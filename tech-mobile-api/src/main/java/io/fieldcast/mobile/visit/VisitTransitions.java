package io.fieldcast.mobile.visit;

import io.fieldcast.events.VisitStatus;

import java.util.List;
import java.util.Map;

/**
 * The visit state machine: PLANNED → EN_ROUTE → ARRIVED → COMPLETED, and CANNOT_COMPLETE from any
 * non-final state. COMPLETED and CANNOT_COMPLETE are final.
 */
public final class VisitTransitions {

    /** Before the first tap; not a {@link VisitStatus} because nobody publishes it. */
    public static final String PLANNED = "PLANNED";

    private static final Map<String, List<VisitStatus>> NEXT = Map.of(
            PLANNED, List.of(VisitStatus.EN_ROUTE, VisitStatus.CANNOT_COMPLETE),
            VisitStatus.EN_ROUTE.name(), List.of(VisitStatus.ARRIVED, VisitStatus.CANNOT_COMPLETE),
            VisitStatus.ARRIVED.name(), List.of(VisitStatus.COMPLETED, VisitStatus.CANNOT_COMPLETE),
            VisitStatus.COMPLETED.name(), List.of(),
            VisitStatus.CANNOT_COMPLETE.name(), List.of());

    private VisitTransitions() {
    }

    public static List<VisitStatus> allowedFrom(String current) {
        return NEXT.getOrDefault(current, List.of());
    }

    public static boolean allowed(String current, VisitStatus next) {
        return allowedFrom(current).contains(next);
    }
}
