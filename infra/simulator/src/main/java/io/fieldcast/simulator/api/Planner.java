package io.fieldcast.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.simulator.run.Log;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * "Plan the day" as a dispatcher does it, through dispatch-service's PlanResource: start the solver for a
 * territory-day ({@code POST /api/plans/{territory}/{date}/solve {"seconds": n}} → 202), poll
 * {@code GET /api/plans/{territory}/{date}} until its status is no longer SOLVING (SOLVED, STOPPED or FAILED), then
 * {@code POST …/publish}, which puts one RoutePlanned per technician on fieldcast.routes for tech-mobile-api. All of
 * the planning API the simulator relies on lives in this class. When dispatch cannot plan (no planning API: 404/405;
 * nothing to plan or an outdated solve: 409; a failed solve), it says why and returns false, and the caller falls
 * back to the tentative plan that booking keeps.
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
        var started = http.call("POST", base + "/solve", Map.of("seconds", Math.clamp(solveSeconds, 1, 3600)),
                dispatch.token(), Set.of(200, 202, 400, 404, 405, 409));
        if (started.status() >= 400) {
            return refused("solve", started);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(solveSeconds + 120L).toNanos();
        JsonNode progress = started.body();
        while ("SOLVING".equals(progress.path("status").asText()) && System.nanoTime() < deadline) {
            sleep(500);
            progress = http.call("GET", base, null, dispatch.token(), Set.of(200)).body();
        }
        if ("FAILED".equals(progress.path("status").asText())) {
            throw new ApiCallException("solve " + territoryId + " " + date, 200,
                    "the solve failed: " + progress.path("error").asText());
        }
        if ("SOLVING".equals(progress.path("status").asText())) {
            http.call("POST", base + "/stop", null, dispatch.token(), Set.of(200, 409));
        }
        var published = http.call("POST", base + "/publish", null, dispatch.token(), Set.of(200, 404, 405, 409));
        return published.status() < 300 || refused("publish", published);
    }

    private static boolean refused(String step, HttpApi.Answer answer) {
        String why = answer.body().path("message").asText("");
        Log.warn("dispatch did not " + step + " (" + answer.status()
                + (why.isBlank() ? "" : ": " + why) + ")");
        return false;
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
