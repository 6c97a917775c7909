package io.fieldcast.simulator.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * "Plan the day" as a dispatcher does it: start the solver for a territory-day, wait until it stops, publish (which
 * puts one RoutePlanned per technician on fieldcast.routes for tech-mobile-api). All of the planning API the
 * simulator relies on lives in this class. When the service has no planning endpoints (404/405), the tentative plan
 * that booking keeps is all there is and {@link #planAndPublish} says so by returning false.
 */
public final class Planner implements DayPlanning {

    private final DispatchClient dispatch;

    public Planner(DispatchClient dispatch) {
        this.dispatch = dispatch;
    }

    /** Solves for at most {@code solveSeconds}, then publishes; false when the service cannot plan or publish. */
    @Override
    public boolean planAndPublish(String territoryId, LocalDate date, int solveSeconds) {
        String base = "/api/plans/" + territoryId + "/" + date;
        HttpApi http = dispatch.http();
        var started = http.call("POST", base + "/solve", Map.of("seconds", solveSeconds), dispatch.token(),
                Set.of(200, 202, 204, 404, 405));
        if (started.status() == 404 || started.status() == 405) {
            return false;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(solveSeconds + 60L).toNanos();
        while (System.nanoTime() < deadline) {
            var plan = http.call("GET", base, null, dispatch.token(), Set.of(200, 404));
            if (plan.status() == 200 && "NOT_SOLVING".equals(plan.body().path("status").asText())) {
                break;
            }
            sleep(500);
        }
        var published = http.call("POST", base + "/publish", null, dispatch.token(),
                Set.of(200, 202, 204, 404, 405));
        return published.status() < 300;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
