package io.fieldcast.bench.fuzz;

import io.fieldcast.bench.fuzz.FuzzReport.Failure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an answer must not be: a 5xx, a body with a stack trace, a 2xx that shows a territory-A caller something of
 * territory B (or a caller without a valid token anything at all), a 2xx that shows a phone another technician's
 * visits. Whether a 2xx needs an audit row is decided here too; the row itself is looked for by the bench.
 */
final class Checks {

    /**
     * 2xx answers to changing methods that need no audit row, each with why:
     * <ul>
     *   <li>{@code POST /api/auth/refresh}: swaps a refresh token for a new pair; the session it continues was
     *   audited when the phone logged in;</li>
     *   <li>{@code POST /api/me/locations}: GPS ingest, thousands of pings a day per phone, not a change of anybody's
     *   data; its trail is the ping itself, kept by eta-service.</li>
     * </ul>
     * Logins stay in: every one is audited. An answer replayed for an Idempotency-Key ({@code Idempotent-Replayed})
     * did nothing the second time and needs no new row; nor does a PUT or PATCH whose resource reads the same before
     * and after (the bench compares its GET).
     */
    static final Set<String> NOT_CHANGES = Set.of("POST /api/auth/refresh", "POST /api/me/locations");

    /** One thing wrong with one answer. */
    record Finding(Failure failure, String key, String detail) {
    }

    private final Map<String, LeakDetector> territoryLeaks = new HashMap<>();
    private final Map<String, LeakDetector> technicianLeaks = new HashMap<>();
    private final LeakDetector anonymousLeaks;
    private final World world;

    Checks(World world) {
        this.world = world;
        this.anonymousLeaks = world.anything();
    }

    List<Finding> inspect(FuzzRequest request, FuzzHttp.Answer answer) {
        List<Finding> out = new ArrayList<>();
        String where = request.operation().service() + " " + request.operation().key();
        if (answer.status() >= 500) {
            out.add(new Finding(Failure.STATUS_5XX, where + " " + answer.status(), answer.status()
                    + (answer.retryAfter() == null ? "" : " Retry-After " + answer.retryAfter()) + ": "
                    + FuzzReport.excerpt(answer.body(), 300)));
        }
        if (answer.status() < 0) {
            return out; // no answer: the body is the client's own message
        }
        StackTraces.find(answer.body()).ifPresent(trace -> out.add(new Finding(Failure.STACK_TRACE, where,
                answer.status() + ": …" + trace + "…")));
        if (answer.status() >= 200 && answer.status() < 300) {
            leak(request, answer).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Finding> leak(FuzzRequest request, FuzzHttp.Answer answer) {
        Identity who = request.identity();
        String where = request.operation().service() + " " + request.operation().key() + " " + who.name();
        return switch (who.scope()) {
            case ALL -> Optional.empty();
            case TERRITORY_A -> territoryLeaks.computeIfAbsent(world.territoryA, world::crossTerritory)
                    .find(answer.body(), request.sent())
                    .map(id -> new Finding(Failure.CROSS_TERRITORY_LEAK, where, "answered " + answer.status()
                            + " with " + id));
            case NONE -> anonymousLeaks.find(answer.body(), request.sent())
                    .map(id -> new Finding(Failure.CROSS_TERRITORY_LEAK, where, "no valid token, answered "
                            + answer.status() + " with " + id));
            case TECHNICIAN -> technicianLeaks.computeIfAbsent(who.technician(), world::crossTechnician)
                    .find(answer.body(), request.sent())
                    .map(id -> new Finding(Failure.CROSS_TECHNICIAN_LEAK, where, "answered " + answer.status()
                            + " with " + id));
        };
    }

    /** Whether this answer says something changed, so the service's audit_log must have a new row. */
    static boolean needsAudit(FuzzRequest request, FuzzHttp.Answer answer) {
        return request.operation().changes() && answer.status() >= 200 && answer.status() < 300
                && !answer.replayed() && !NOT_CHANGES.contains(request.operation().key());
    }
}
