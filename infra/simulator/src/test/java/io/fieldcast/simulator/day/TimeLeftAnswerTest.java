package io.fieldcast.simulator.day;

import io.fieldcast.simulator.world.Habits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

import static io.fieldcast.simulator.day.DayEngineTest.calm;
import static io.fieldcast.simulator.day.DayEngineTest.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A technician on site answers the platform's question of the time left as they tell it unasked. */
class TimeLeftAnswerTest {

    private static final DayEngine ENGINE = new DayEngine(4, StraightLineRouter.CITY);
    /** Always answers, and says the truth to the nearest five minutes. */
    private static final Habits.TimeLeft TRUTHFUL = new Habits.TimeLeft(1, 0, 0);
    private static final Habits.TimeLeft NEVER = new Habits.TimeLeft(0, 0, 0);

    @Test
    void withoutLeanOrSpreadTheAnswerIsTheMinutesReallyLeftToTheNearestFive() {
        int answered = 0;
        for (Truth.Visit v : ENGINE.simulate(day(5), calm()).visits()) {
            for (Instant now = v.arrivedAt(); now.isBefore(v.finishedAt()); now = now.plusSeconds(7 * 60)) {
                PhoneOutput.TimeLeft said = ENGINE.answer(v, TRUTHFUL, now.minusSeconds(90), now);
                if (said == null) {
                    // Only a job about done goes unanswered: under 5 minutes left once the phone is looked at.
                    assertTrue(Duration.between(now, v.finishedAt()).toSeconds()
                            < (DayEngine.NOTHING_TO_TELL_MIN * 60 + DayEngine.LOOK_AT_PHONE_MAX_SEC), now.toString());
                    continue;
                }
                assertFalse(said.deviceTime().isBefore(now), "not before the question is seen");
                assertFalse(said.deviceTime().isAfter(now.plusSeconds(DayEngine.LOOK_AT_PHONE_MAX_SEC)));
                double left = Duration.between(said.deviceTime(), v.finishedAt()).toSeconds() / 60.0;
                assertTrue(left >= DayEngine.NOTHING_TO_TELL_MIN, "before the job's finish: " + left);
                assertEquals(Math.round(left / 5) * 5, said.minutes(), "the minutes left: " + left);
                assertEquals(v.appointmentId(), said.appointmentId());
                assertEquals(now.minusSeconds(90), said.askedAt());
                assertTrue(said.answer());
                assertEquals(said.deviceTime(), said.sendAt(), "sent as it is said, like a tap");
                answered++;
            }
        }
        assertTrue(answered >= 15, "answers: " + answered);
    }

    @Test
    void anOptimistAnswersWithTheirLean() {
        Truth.Visit v = longestJob();
        Instant now = v.arrivedAt().plusSeconds(5 * 60);
        PhoneOutput.TimeLeft said = ENGINE.answer(v, new Habits.TimeLeft(1, Math.log(0.5), 0), now, now);
        assertNotNull(said);
        double left = Duration.between(said.deviceTime(), v.finishedAt()).toSeconds() / 60.0;
        // Half the minutes left, on the phone's five-minute buttons.
        assertEquals(left / 2, said.minutes(), 2.5);
    }

    @Test
    void aTechnicianWhoNeverTellsNeverAnswersAndOthersWithTheirChance() {
        Truth.Visit v = longestJob();
        Instant now = v.arrivedAt().plusSeconds(5 * 60);
        int halfAnswered = 0;
        for (int i = 0; i < 200; i++) {
            Instant askedAt = now.minusSeconds(i);
            assertNull(ENGINE.answer(v, NEVER, askedAt, now));
            halfAnswered += ENGINE.answer(v, new Habits.TimeLeft(0.5, 0, 0.2), askedAt, now) == null ? 0 : 1;
        }
        // Binomial(200, 0.5): 100 ± 7; 70..130 is over four standard deviations either side.
        assertTrue(halfAnswered >= 70 && halfAnswered <= 130, "answered " + halfAnswered + " of 200");
    }

    @Test
    void noAnswerOffSiteOrWithTheJobAboutDone() {
        Truth.Visit v = longestJob();
        assertNull(ENGINE.answer(v, TRUTHFUL, v.arrivedAt(), v.arrivedAt().minusSeconds(1)), "not there yet");
        assertNull(ENGINE.answer(v, TRUTHFUL, v.finishedAt(), v.finishedAt()), "done");
        assertNull(ENGINE.answer(v, TRUTHFUL, v.finishedAt(), v.finishedAt().plusSeconds(600)), "gone");
        Instant almostDone = v.finishedAt().minusSeconds(Math.round(DayEngine.NOTHING_TO_TELL_MIN * 60) - 1);
        assertNull(ENGINE.answer(v, TRUTHFUL, almostDone, almostDone), "under five minutes left");
        Truth.Visit notVisited = new Truth.Visit(v.technicianId(), v.date(), v.appointmentId(), v.jobType(), null,
                null, null, Truth.Outcome.OUT_OF_TIME, 0, 0, 0, 0, false, 0);
        assertNull(ENGINE.answer(notVisited, TRUTHFUL, v.arrivedAt(), v.arrivedAt()));
    }

    @Test
    void theSameAskGetsTheSameAnswerAndAnsweringChangesNoJobOfTheDay() {
        Habits habits = DayEngineTest.withTimeLeft(calm(), new Habits.TimeLeft(0.8, -0.1, 0.3));
        DayOutcome before = ENGINE.simulate(day(5), habits);
        for (Truth.Visit v : before.visits()) {
            Instant now = v.arrivedAt().plusSeconds(60);
            assertEquals(ENGINE.answer(v, habits.timeLeft(), now, now), ENGINE.answer(v, habits.timeLeft(), now, now));
        }
        assertEquals(before, ENGINE.simulate(day(5), habits), "the same day, to every fix");
    }

    @Test
    void anAnswersClientIdFitsTheApiForTheLongestIdsAndSeeds() {
        Truth.Visit v = longestJob();
        Truth.Visit longIds = new Truth.Visit("a-very-long-technician-identifier-of-64-characters-xxxxxxxxxxxx",
                v.date(), v.appointmentId(), v.jobType(), v.departedAt(), v.arrivedAt(), v.finishedAt(),
                v.outcome(), v.driveSeconds(), v.freeFlowSeconds(), v.meters(), v.serviceMinutes(), v.longJob(),
                v.detourMinutes());
        for (long seed : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0}) {
            for (int i = 0; i < 50; i++) {
                Instant askedAt = v.arrivedAt().plusSeconds(i);
                PhoneOutput.TimeLeft said = new DayEngine(seed, StraightLineRouter.CITY).answer(longIds, TRUTHFUL,
                        askedAt, askedAt);
                assertTrue(said.clientId().matches("[A-Za-z0-9._:-]{1,64}"), said.clientId());
            }
        }
    }

    private static Truth.Visit longestJob() {
        Truth.Visit v = ENGINE.simulate(day(5), calm()).visits().stream()
                .max(Comparator.comparing(x -> Duration.between(x.arrivedAt(), x.finishedAt()))).orElseThrow();
        assertTrue(Duration.between(v.arrivedAt(), v.finishedAt()).toMinutes() >= 30, "a job too short to say");
        return v;
    }
}
