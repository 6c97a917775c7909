package io.fieldcast.eta.forecast;

import io.fieldcast.events.ArrivalForecast;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicationPolicyTest {

    private static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");
    private final PublicationPolicy policy = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1);

    private static VisitForecast at(Instant windowStart, double probability, double overrun, int visitsBefore) {
        return new VisitForecast(UUID.randomUUID(), windowStart.plusSeconds(1800), windowStart,
                windowStart.plusSeconds(3600), probability, TEN, TEN, TEN.plusSeconds(4 * 3600), overrun, 0,
                visitsBefore);
    }

    private static PublicationPolicy.Published published(Instant windowStart, double probability) {
        return new PublicationPolicy.Published(windowStart, windowStart.plusSeconds(3600), probability, 1, 1, TEN);
    }

    @Test
    void firstWindowBelowTargetIsNotPublished() {
        assertTrue(policy.decide(null, at(TEN, 0.85, 0, 0), 1).isEmpty());
    }

    @Test
    void firstWindowAtTargetIsPublished() {
        assertEquals("first 60-minute window, 92 % likely", policy.decide(null, at(TEN, 0.92, 0, 0), 1).orElseThrow());
    }

    @Test
    void firstWindowThatWouldKeepTheTechnicianWaitingTooLongWaits() {
        var binding = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5));
        VisitForecast f = at(TEN, 0.92, 0, 0);
        var longWait = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.92,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 7.5);
        var shortWait = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.92,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 4.0);

        assertTrue(binding.decide(null, longWait, 1).isEmpty());
        assertTrue(binding.decide(null, shortWait, 1).isPresent());
        assertTrue(binding.tellable(shortWait) && !binding.tellable(longWait));
    }

    @Test
    void theLastChanceToGiveAnHoursNoticeMayCostALongerWait() {
        var policy = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5))
                .withLastChance(new LastChance(Duration.ofMinutes(80), Duration.ofMinutes(12), 0.9));
        VisitForecast f = at(TEN, 0.92, 0, 0); // median arrival at 10:30
        var tenMinutes = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.92,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 10.0);
        var fifteenMinutes = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.92,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 15.0);
        Instant early = TEN.minus(Duration.ofMinutes(60)); // 90 min before the median: a cheaper moment may come
        Instant last = TEN.minus(Duration.ofMinutes(45)); // 75 min before: the last chance of an hour's notice

        assertEquals("expected wait 10 min, above 5", policy.held(tenMinutes, early).orElseThrow());
        assertTrue(policy.decide(null, tenMinutes, 1, true, early).isEmpty());
        assertTrue(policy.decide(null, tenMinutes, 1, true, last).isPresent());
        assertEquals("expected wait 15 min, above 12", policy.held(fifteenMinutes, last).orElseThrow());
        assertFalse(policy.tellable(tenMinutes), "without a time, only the usual wait counts");
    }

    @Test
    void theLastChanceMayTellALessLikelyWindowDownToItsOwnTarget() {
        var policy = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5))
                .withLastChance(new LastChance(Duration.ofMinutes(80), Duration.ofMinutes(12), 0.8));
        VisitForecast f = at(TEN, 0.84, 0, 0); // median arrival at 10:30
        var eightyFour = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.84,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 12.0);
        var seventyFive = new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), 0.75,
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 0, 12.0);
        Instant early = TEN.minus(Duration.ofMinutes(60));
        Instant last = TEN.minus(Duration.ofMinutes(45));

        assertEquals("first 60-minute window, 84 % likely",
                policy.decide(null, eightyFour, 1, true, last).orElseThrow());
        assertEquals("likely 84 %, below 90 %", policy.held(eightyFour, early).orElseThrow(), "not yet the last chance");
        assertEquals("likely 75 %, below 80 %", policy.held(seventyFive, last).orElseThrow());
        assertTrue(policy.held(eightyFour, null).isPresent(), "without a time, only the usual target counts");
    }

    @Test
    void movesUnderFifteenMinutesStayQuiet() {
        var last = published(TEN, 0.92);
        assertTrue(policy.decide(last, at(TEN.plus(Duration.ofMinutes(10)), 0.93, 0, 0), 1).isEmpty());
        assertTrue(policy.decide(last, at(TEN.minus(Duration.ofMinutes(14)), 0.91, 0, 0), 1).isEmpty());
    }

    @Test
    void moveOfTwentyFiveMinutesBehindARunningJobSaysSo() {
        var reason = policy.decide(published(TEN, 0.92), at(TEN.plus(Duration.ofMinutes(25)), 0.9, 25, 0), 1);
        assertEquals("window moved 25 min later: previous job running 25 min long", reason.orElseThrow());
    }

    /**
     * Whether a told window moves is judged on the likeliest hour; what is told is where the forecaster placed the
     * move, and the reason says how far that is. A publication that is no move (a risk, a drop) keeps the forecast's
     * own window.
     */
    @Test
    void aMovedWindowIsToldWhereTheForecasterPlacedIt() {
        var last = published(TEN, 0.92);
        VisitForecast likeliest = at(TEN.plus(Duration.ofMinutes(20)), 0.75, 20, 0);
        Instant placed = TEN.plus(Duration.ofMinutes(45));
        VisitForecast f = withMove(likeliest, new VisitForecast.Window(placed, placed.plusSeconds(3600), 0.91));

        assertEquals("window moved 45 min later: previous job running 20 min long",
                policy.decide(last, f, 1).orElseThrow());
        VisitForecast told = policy.toPublish(last, f);
        assertEquals(placed, told.windowStart());
        assertEquals(0.91, told.probability(), 1e-9);
        assertEquals(f.p50(), told.p50());
        assertEquals(ArrivalForecast.CAUSE_PREVIOUS_JOB_LONG, policy.cause(last, told, 1));
        // The likeliest hour 10 minutes off: no move, whatever the placed window says; nor for a first window.
        VisitForecast quiet = withMove(at(TEN.plus(Duration.ofMinutes(10)), 0.8, 10, 0),
                new VisitForecast.Window(placed, placed.plusSeconds(3600), 0.91));
        assertTrue(policy.decide(last, quiet, 1).map(r -> !r.startsWith("window moved")).orElse(true));
        VisitForecast kept = policy.toPublish(last, quiet);
        assertEquals(TEN, kept.windowStart(), "no move: the window told stays what is published");
        assertEquals(TEN.plusSeconds(3600), kept.windowEnd());
        assertEquals(quiet.p50(), kept.p50());
        assertEquals(quiet, policy.toPublish(null, quiet));
    }

    /**
     * A told window moves later only once it is unlikely kept: while the job before runs long, the likeliest hour walks
     * later with the clock, and a window moved at each quarter hour of it is a staircase of texts and, each time the job
     * ends sooner, a wait. Earlier moves and windows not told are not held back.
     */
    @Test
    void aToldWindowMovesLaterOnlyOnceItIsUnlikelyKept() {
        var patient = policy.withMovesLaterBelow(0.5);
        var last = published(TEN, 0.92);
        VisitForecast later = at(TEN.plus(Duration.ofMinutes(20)), 0.88, 20, 0);

        assertTrue(patient.decide(last, kept(later, 0.62), 1).isEmpty(), "62 % kept: the told window holds");
        assertEquals(TEN, patient.toPublish(last, kept(later, 0.62)).windowStart());
        assertEquals("window moved 20 min later: previous job running 20 min long",
                patient.decide(last, kept(later, 0.45), 1).orElseThrow());
        assertEquals(later.windowStart(), patient.toPublish(last, kept(later, 0.45)).windowStart());
        // Earlier is never held back: nobody waits for it.
        VisitForecast earlier = at(TEN.minus(Duration.ofMinutes(30)), 0.95, 0, 0);
        assertEquals("window moved 30 min earlier: route re-planned",
                patient.decide(last, kept(earlier, 1.0), 2).orElseThrow());
        // The same forecast under the old rule moves at once.
        assertTrue(policy.decide(last, kept(later, 0.62), 1).isPresent());
    }

    @Test
    void onTheWayOnlyALostToldWindowMovesToTheHourAroundTheMedian() {
        var onTheWay = policy.withOnTheWayLateBelow(0.2);
        // Told 10:00-11:00; the van set off late and the median arrival is now 11:12:40, 5 % likely by 11:00.
        VisitForecast held = kept(at(Instant.parse("2026-03-02T10:42:40Z"), 0.9, 0, 0), 0.05);
        var last = published(TEN, 0.92);
        assertEquals("on the way, window moved 40 min later: 5 % likely by the end of the one told",
                onTheWay.decideOnTheWay(last, held).orElseThrow());
        VisitForecast told = onTheWay.onTheWay(held);
        assertEquals(Instant.parse("2026-03-02T10:40:00Z"), told.windowStart(), "half an hour before the median, on "
                + "the 5-minute grid");
        assertEquals(Instant.parse("2026-03-02T11:40:00Z"), told.windowEnd());
        // Still likely kept: "on the way" says enough, nothing is told.
        assertTrue(onTheWay.decideOnTheWay(last, kept(held, 0.35)).isEmpty());
        // Never told: no window on the way.
        assertTrue(onTheWay.decideOnTheWay(null, held).isEmpty());
        // Off (the default of the constructors): the told window breaks silently, as before.
        assertTrue(policy.decideOnTheWay(last, held).isEmpty());
    }

    private static VisitForecast kept(VisitForecast f, double keptProbability) {
        return new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), f.probability(),
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), f.currentJobOverrunMinutes(),
                f.minutesBehindPlan(), f.visitsBefore(), 0, keptProbability);
    }

    private static VisitForecast withMove(VisitForecast f, VisitForecast.Window move) {
        return new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), f.probability(),
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), f.currentJobOverrunMinutes(),
                f.minutesBehindPlan(), f.visitsBefore(), 0, 0.6, move);
    }

    @Test
    void replanSaysRouteReplanned() {
        var reason = policy.decide(published(TEN, 0.92), at(TEN.minus(Duration.ofMinutes(30)), 0.95, 0, 0), 2);
        assertEquals("window moved 30 min earlier: route re-planned", reason.orElseThrow());
    }

    @Test
    void probabilityDropOfTenPointsIsPublishedEvenInPlace() {
        var reason = policy.decide(published(TEN, 0.93), at(TEN, 0.8, 0, 0), 1);
        assertEquals("less certain: 80 % likely, was 93 %", reason.orElseThrow());
        assertTrue(policy.decide(published(TEN, 0.93), at(TEN, 0.86, 0, 0), 1).isEmpty());
    }

    private static VisitForecast told(double keptProbability) {
        VisitForecast f = at(TEN, 0.9, 0, 0);
        return new VisitForecast(f.appointmentId(), f.p50(), f.windowStart(), f.windowEnd(), f.probability(),
                f.plannedArrival(), f.promisedStart(), f.promisedEnd(), 0, 0, 1, 0, keptProbability);
    }

    private static PublicationPolicy.Published toldEarlier(boolean riskSignalled) {
        return new PublicationPolicy.Published(TEN, TEN.plusSeconds(3600), 0.9, 1, 1, TEN, riskSignalled);
    }

    @Test
    void firstWindowWaitsForTheRouteToSettle() {
        // Everything else says tell: 92 % likely, no wait. A route re-planned a moment ago may move again.
        assertTrue(policy.decide(null, at(TEN, 0.92, 0, 0), 2, false).isEmpty());
        assertTrue(policy.decide(null, at(TEN, 0.92, 0, 0), 2, true).isPresent());
    }

    @Test
    void toldWindowBelowTheRiskThresholdIsPublishedOnce() {
        var risky = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5), 0.7);
        // The window has not moved (so no text goes out), but it is kept only 55 % of the time: dispatch must hear.
        assertEquals("told window at risk: 55 % likely to be kept",
                risky.decide(toldEarlier(false), told(0.55), 1).orElseThrow());
        // Once signalled, the same risk is not published again at every recompute.
        assertTrue(risky.decide(toldEarlier(true), told(0.50), 1).isEmpty());
        // At 0.70 it is not at risk.
        assertTrue(risky.decide(toldEarlier(false), told(0.70), 1).isEmpty());
    }

    @Test
    void aRiskIsSignalledOncePerVisit() {
        var risky = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5), 0.7);
        assertTrue(risky.riskSignalledAfter(toldEarlier(false), told(0.55), true), "published at risk");
        assertTrue(!risky.riskSignalledAfter(toldEarlier(false), told(0.55), false), "at risk but not published");
        // Safe again, then at risk again: still signalled, no second re-plan for the same visit.
        assertTrue(risky.riskSignalledAfter(toldEarlier(true), told(0.95), false));
        assertTrue(risky.decide(toldEarlier(true), told(0.40), 1).isEmpty());
    }
}
