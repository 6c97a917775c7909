package io.fieldcast.simulator.day;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.HabitsFactory;
import io.fieldcast.simulator.world.LogNormal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DayEngineTest {

    static final ZoneId ZONE = ZoneOffset.UTC;
    static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    static final GeoPoint HOME = GeoPoint.of(45.0, -30.0);

    @Test
    void sameSeedGivesTheSameDay() {
        TechnicianDay day = day(6);
        Habits habits = new HabitsFactory(3).habitsOf("tech-01", 10);
        DayOutcome a = new DayEngine(3, StraightLineRouter.CITY).simulate(day, habits);
        DayOutcome b = new DayEngine(3, StraightLineRouter.CITY).simulate(day, habits);
        assertEquals(a, b);
    }

    @Test
    void clientIdsDifferBetweenSeedsAndFitTheApi() {
        TechnicianDay day = new TechnicianDay("a-very-long-technician-identifier-of-64-characters-xxxxxxxxxxxx",
                DATE, 0, ZONE, shift(0, 8), shift(0, 17), HOME, HOME, stops(DATE, 2));
        var a = new DayEngine(Long.MAX_VALUE, StraightLineRouter.CITY).simulate(day, calm()).outputs();
        var b = new DayEngine(Long.MIN_VALUE, StraightLineRouter.CITY).simulate(day, calm()).outputs();
        assertFalse(a.getFirst().clientId().equals(b.getFirst().clientId()));
        for (PhoneOutput o : a) {
            assertTrue(o.clientId().matches("[A-Za-z0-9._:-]{1,64}"), o.clientId());
        }
    }

    @Test
    void everyVisitOfANormalDayIsTappedInOrder() {
        TechnicianDay day = day(5);
        DayOutcome out = new DayEngine(1, StraightLineRouter.CITY).simulate(day, calm());
        assertEquals(5, out.visits().size());
        for (PlannedStop stop : day.stops()) {
            List<VisitStatus> taps = out.outputs().stream()
                    .filter(o -> o instanceof PhoneOutput.StatusTap t && t.appointmentId().equals(stop.appointmentId()))
                    .map(o -> ((PhoneOutput.StatusTap) o).status()).toList();
            assertEquals(List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED, VisitStatus.COMPLETED), taps);
        }
        Truth.Visit first = out.visits().getFirst();
        assertTrue(first.arrivedAt().isAfter(first.departedAt()));
        assertTrue(out.fixCount() > 50, "fixes: " + out.fixCount());
    }

    @Test
    void fixesWhileDrivingComeEvery10To30SecondsOnAverage() {
        DayOutcome out = new DayEngine(2, StraightLineRouter.CITY).simulate(day(4), calm());
        List<Instant> moving = out.outputs().stream()
                .filter(o -> o instanceof PhoneOutput.Fix f && f.speed() != null && f.speed() > 0)
                .map(PhoneOutput::deviceTime).sorted().toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < moving.size(); i++) {
            long s = moving.get(i).getEpochSecond() - moving.get(i - 1).getEpochSecond();
            if (s < 60) {
                gaps.add(s);
            }
        }
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        // calm() sets 20 s ± 20 % jitter.
        assertEquals(20, mean, 2);
    }

    @Test
    void gpsNoiseIsBoundedByThreeAndAHalfSigmasOfTheOnSiteScale() {
        Habits h = calm();
        DayOutcome out = new DayEngine(4, StraightLineRouter.CITY).simulate(day(5), h);
        // The farthest a fix can be from the road: on-site noise scale 2.5 × σ × 3.5 on each axis, times √2.
        double bound = 2.5 * h.gpsNoiseMeters() * Phone.NOISE_CUT_SIGMAS * Math.sqrt(2);
        var clientIds = new HashSet<String>();
        for (PhoneOutput o : out.outputs()) {
            assertTrue(clientIds.add(o.clientId()), "duplicate client id " + o.clientId());
            assertTrue(o.clientId().length() <= 64);
            if (o instanceof PhoneOutput.Fix f) {
                assertTrue(f.accuracy() > 0 && f.accuracy() <= 500);
                double toPath = distanceToCorridor(GeoPoint.of(f.lat(), f.lon()), out);
                assertTrue(toPath <= bound + 1, "fix " + toPath + " m off, bound " + bound);
            }
        }
    }

    @Test
    void offlinePeriodHoldsSendsBackUntilTheEnd() {
        Habits always = withOffline(calm());
        DayOutcome out = new DayEngine(5, StraightLineRouter.CITY).simulate(day(5), always);
        Truth.Interval gap = out.day().offline().getFirst();
        boolean someHeld = false;
        for (PhoneOutput o : out.outputs()) {
            if (!o.deviceTime().isBefore(gap.from()) && o.deviceTime().isBefore(gap.to())) {
                assertEquals(gap.to(), o.sendAt());
                someHeld = true;
            }
            assertFalse(o.sendAt().isBefore(o.deviceTime()));
        }
        assertTrue(someHeld);
    }

    @Test
    void serviceTimesFollowThePersonsDistribution() {
        Habits h = calm();
        List<Double> minutes = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            TechnicianDay day = new TechnicianDay("tech-01", DATE.plusDays(d), d, ZONE, shift(d, 8), shift(d, 17),
                    HOME, HOME, stops(DATE.plusDays(d), 4));
            new DayEngine(9, StraightLineRouter.CITY).simulate(day, h).visits()
                    .forEach(v -> minutes.add(v.serviceMinutes()));
        }
        double[] sorted = minutes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // calm(): REPAIR median 50 min, σ 0.3; 240 draws put the sample median within ~4 % (2 standard errors).
        assertEquals(50, sorted[sorted.length / 2], 50 * 0.08);
    }

    /**
     * A customer's job goes the same way whoever does it, whenever, after whatever else that day: a re-plan that
     * gives it to another technician, or puts it first, changes who and when, not its luck (two runs of a seed whose
     * plans differ are paired).
     */
    @Test
    void aJobsLuckIsTheCustomersWhoeverDoesItAndWhenever() {
        List<PlannedStop> stops = stops(DATE, 4);
        TechnicianDay whole = new TechnicianDay("tech-01", DATE, 0, ZONE, shift(0, 8), shift(0, 17), HOME, HOME,
                stops);
        TechnicianDay reordered = new TechnicianDay("tech-02", DATE, 0, ZONE, shift(0, 9), shift(0, 17), HOME, HOME,
                List.of(stops.get(3), stops.get(1)));
        Habits calm = calm();
        Habits slower = new Habits("tech-02", calm.speedFactorByHour(), Map.of("REPAIR", new LogNormal(100, 0.3)),
                calm.defaultService(), 0, 10, 30, 5, 12 * 60, 0, 10, 5, 0, 0.5, 0, 20, 20, false, 0,
                new Habits.Rare(0, 0, 0));
        Map<UUID, Double> first = minutesByVisit(new DayEngine(4, StraightLineRouter.CITY).simulate(whole, calm));
        Map<UUID, Double> again = minutesByVisit(new DayEngine(4, StraightLineRouter.CITY).simulate(reordered, calm));
        Map<UUID, Double> other = minutesByVisit(new DayEngine(4, StraightLineRouter.CITY).simulate(reordered, slower));
        for (PlannedStop stop : List.of(stops.get(3), stops.get(1))) {
            UUID id = stop.appointmentId();
            assertEquals(first.get(id), again.get(id), "the same job, later in another day");
            // Twice the median, the same luck: twice as long (to the tenth of a minute each is rounded to).
            assertEquals(2 * first.get(id), other.get(id), 0.11, "the same job, by a slower technician");
        }
        // Another seed, other luck.
        Map<UUID, Double> otherSeed = minutesByVisit(new DayEngine(5, StraightLineRouter.CITY).simulate(whole, calm));
        assertFalse(first.equals(otherSeed), first + " " + otherSeed);
    }

    private static Map<UUID, Double> minutesByVisit(DayOutcome out) {
        Map<UUID, Double> minutes = new HashMap<>();
        out.visits().forEach(v -> minutes.put(v.appointmentId(), v.serviceMinutes()));
        return minutes;
    }

    @Test
    void sickTechnicianSkipsTheRestOfTheDayAndSaysSoOnThePhone() {
        Habits sick = withRare(calm(), new Habits.Rare(0, 0, 1));
        DayOutcome out = new DayEngine(6, StraightLineRouter.CITY).simulate(day(8), sick);
        assertNotNull(out.day().wentSickAt());
        var skipped = out.visits().stream().filter(v -> v.outcome() == Truth.Outcome.SKIPPED_SICK)
                .map(Truth.Visit::appointmentId).toList();
        assertFalse(skipped.isEmpty());
        // Every visit left is tapped "cannot complete", so dispatch does not wait for it for the rest of the day.
        var tapped = out.outputs().stream().filter(o -> o instanceof PhoneOutput.StatusTap t
                && t.status() == VisitStatus.CANNOT_COMPLETE && "technician went home sick".equals(t.note()))
                .map(o -> ((PhoneOutput.StatusTap) o).appointmentId()).toList();
        assertEquals(skipped, tapped);
    }

    @Test
    void noShowEndsWithCannotCompleteCustomerNotHome() {
        Habits noShows = withRare(calm(), new Habits.Rare(0, 1, 0));
        DayOutcome out = new DayEngine(6, StraightLineRouter.CITY).simulate(day(3), noShows);
        assertTrue(out.visits().stream().allMatch(v -> v.outcome() == Truth.Outcome.NO_SHOW));
        assertEquals(3, out.outputs().stream().filter(o -> o instanceof PhoneOutput.StatusTap t
                && "CUSTOMER_NOT_HOME".equals(t.reasonCode())).count());
    }

    @Test
    void lateStarterLeavesHomeAfterTheShiftStartsOnSomeDays() {
        Habits late = withLateStart(calm(), 1, 20);
        DayOutcome out = new DayEngine(8, StraightLineRouter.CITY).simulate(day(3), late);
        assertTrue(out.day().lateStartMinutes() > 0);
        assertEquals(shift(0, 8).plusSeconds(Math.round(out.day().lateStartMinutes() * 60)).getEpochSecond(),
                out.day().leftHomeAt().getEpochSecond(), 6); // minutes are rounded to a tenth in the truth
    }

    @Test
    void lunchIsTakenOnceAfterTheUsualTimeAndLastsTenToNinetyMinutes() {
        for (int seed = 0; seed < 20; seed++) {
            DayOutcome out = new DayEngine(seed, StraightLineRouter.CITY).simulate(day(6), calm());
            Truth.Interval lunch = out.day().lunch();
            assertNotNull(lunch, "a six-visit day has a gap after noon");
            assertTrue(lunch.from().atZone(ZONE).getHour() >= 12);
            long minutes = Duration.between(lunch.from(), lunch.to()).toMinutes();
            assertTrue(minutes >= 10 && minutes <= 90, "lunch " + minutes + " min");
        }
    }

    @Test
    void gpsGapsLeaveFewerMovingFixes() {
        Habits noGaps = calm();
        Habits gaps = withGaps(calm());
        long without = movingFixes(new DayEngine(3, StraightLineRouter.CITY).simulate(day(6), noGaps));
        long with = movingFixes(new DayEngine(3, StraightLineRouter.CITY).simulate(day(6), gaps));
        assertTrue(with < without, with + " fixes with gaps, " + without + " without");
    }

    private static long movingFixes(DayOutcome out) {
        return out.outputs().stream().filter(o -> o instanceof PhoneOutput.Fix f && f.speed() != null
                && f.speed() > 0).count();
    }

    static Habits withLateStart(Habits h, double chance, double meanMin) {
        return new Habits(h.technicianId(), h.speedFactorByHour(), h.serviceMinutes(), h.defaultService(),
                chance, meanMin, h.lunchMeanMin(), h.lunchSdMin(), h.lunchAfterMinute(),
                h.detourChance(), h.detourMeanMin(), h.gpsNoiseMeters(), h.gpsGapChance(), h.indoorFixChance(),
                h.offlineChance(), h.offlineMeanMin(), h.pingIntervalSec(), h.newHire(), h.firstDayIndex(), h.rare());
    }

    static Habits withGaps(Habits h) {
        return new Habits(h.technicianId(), h.speedFactorByHour(), h.serviceMinutes(), h.defaultService(),
                h.lateStartChance(), h.lateStartMeanMin(), h.lunchMeanMin(), h.lunchSdMin(), h.lunchAfterMinute(),
                h.detourChance(), h.detourMeanMin(), h.gpsNoiseMeters(), 1, h.indoorFixChance(),
                h.offlineChance(), h.offlineMeanMin(), h.pingIntervalSec(), h.newHire(), h.firstDayIndex(), h.rare());
    }

    @Test
    void resumedDayStartsOnTimeSkipsATakenLunchAndUsesFreshClientIds() {
        Habits late = withLateStart(calm(), 1, 20);
        DayOutcome first = new DayEngine(8, StraightLineRouter.CITY).simulate(day(4), late);
        TechnicianDay rest = new TechnicianDay("tech-01", DATE, 0, ZONE, shift(0, 13), shift(0, 17), HOME, HOME,
                stops(DATE, 4).subList(2, 4));
        DayOutcome resumed = new DayEngine(8, StraightLineRouter.CITY).simulate(rest, late,
                new DayEngine.Resume(1, true));
        assertEquals(0, resumed.day().lateStartMinutes());
        assertEquals(shift(0, 13), resumed.day().leftHomeAt());
        assertNull(resumed.day().lunch());
        var ids = new HashSet<String>();
        first.outputs().forEach(o -> ids.add(o.clientId()));
        resumed.outputs().forEach(o -> assertTrue(ids.add(o.clientId()), "id reused: " + o.clientId()));
    }

    /**
     * Going home sick and the phone's offline spell are the technician-day's fate, drawn once: a day re-planned
     * (resumed) twenty times is not twenty times as likely to end sick, and keeps its offline spell.
     */
    @Test
    void aResumedDayKeepsTheFateOfItsFirstRound() {
        Habits chancy = withOffline(withRare(calm(), new Habits.Rare(0, 0, 0.5)));
        long seed = 1;
        while (new DayEngine(seed, StraightLineRouter.CITY).simulate(day(4), chancy).day().wentSickAt() != null) {
            seed++;
        }
        DayEngine engine = new DayEngine(seed, StraightLineRouter.CITY);
        DayOutcome first = engine.simulate(day(4), chancy);
        assertFalse(first.day().offline().isEmpty());
        for (int round = 1; round <= 20; round++) {
            TechnicianDay rest = new TechnicianDay("tech-01", DATE, 0, ZONE, shift(0, 9), shift(0, 17), HOME, HOME,
                    stops(DATE, 4).subList(1, 4));
            DayOutcome resumed = engine.simulate(rest, chancy,
                    new DayEngine.Resume(round, false, null, shift(0, 8)));
            assertNull(resumed.day().wentSickAt(), "round " + round + " went sick");
            assertEquals(first.day().offline(), resumed.day().offline(), "round " + round);
        }
    }

    @Test
    void aTechnicianWhoTellsSaysTheTimeLeftOnSiteAndAgainOnceTheJobOutrunsIt() {
        // Their word is the truth, to the nearest five minutes.
        DayOutcome out = new DayEngine(4, StraightLineRouter.CITY).simulate(day(5),
                withTimeLeft(calm(), new Habits.TimeLeft(1, 0, 0)));
        int told = 0;
        for (Truth.Visit v : out.visits()) {
            List<PhoneOutput.TimeLeft> words = wordsOf(out, v.appointmentId());
            if (Duration.between(v.arrivedAt(), v.finishedAt()).toMinutes() < 2 * DayEngine.SEEN_FROM_MIN) {
                continue;
            }
            assertEquals(1, words.size(), "one word, and it held: " + words);
            PhoneOutput.TimeLeft word = words.getFirst();
            assertTrue(word.deviceTime().isAfter(v.arrivedAt()) && word.deviceTime().isBefore(v.finishedAt()));
            double left = Duration.between(word.deviceTime(), v.finishedAt()).toSeconds() / 60.0;
            assertEquals(left, word.minutes(), 2.5, "the minutes left: " + left);
            told++;
        }
        assertTrue(told >= 3, "most jobs are told: " + told);

        // An optimist who says half of what is left is caught out ten minutes past their word, and says again.
        DayOutcome hopeful = new DayEngine(4, StraightLineRouter.CITY).simulate(day(5),
                withTimeLeft(calm(), new Habits.TimeLeft(1, Math.log(0.5), 0)));
        Truth.Visit longest = hopeful.visits().stream().max(Comparator.comparing(
                v -> Duration.between(v.arrivedAt(), v.finishedAt()))).orElseThrow();
        List<PhoneOutput.TimeLeft> words = wordsOf(hopeful, longest.appointmentId());
        assertEquals(2, words.size(), words.toString());
        assertEquals(words.getFirst().deviceTime().plusSeconds(60L * (words.getFirst().minutes() + 10)),
                words.get(1).deviceTime());
    }

    @Test
    void tellingTheTimeLeftChangesNoJobOfTheDay() {
        Habits silent = calm();
        Habits telling = withTimeLeft(silent, new Habits.TimeLeft(0.7, -0.2, 0.3));
        DayOutcome quiet = new DayEngine(6, StraightLineRouter.CITY).simulate(day(6), silent);
        DayOutcome told = new DayEngine(6, StraightLineRouter.CITY).simulate(day(6), telling);
        assertEquals(quiet.visits(), told.visits());
        assertTrue(told.outputs().stream().anyMatch(o -> o instanceof PhoneOutput.TimeLeft));
        assertFalse(quiet.outputs().stream().anyMatch(o -> o instanceof PhoneOutput.TimeLeft));
        assertEquals(silent, telling.silentOnTimeLeft());
    }

    private static List<PhoneOutput.TimeLeft> wordsOf(DayOutcome out, UUID appointmentId) {
        return out.outputs().stream().filter(o -> o instanceof PhoneOutput.TimeLeft t
                        && t.appointmentId().equals(appointmentId)).map(PhoneOutput.TimeLeft.class::cast)
                .sorted(Comparator.comparing(PhoneOutput::deviceTime)).toList();
    }

    static Habits withTimeLeft(Habits h, Habits.TimeLeft timeLeft) {
        return new Habits(h.technicianId(), h.speedFactorByHour(), h.serviceMinutes(), h.defaultService(),
                h.lateStartChance(), h.lateStartMeanMin(), h.lunchMeanMin(), h.lunchSdMin(), h.lunchAfterMinute(),
                h.detourChance(), h.detourMeanMin(), h.gpsNoiseMeters(), h.gpsGapChance(), h.indoorFixChance(),
                h.offlineChance(), h.offlineMeanMin(), h.pingIntervalSec(), h.newHire(), h.firstDayIndex(), h.rare(),
                timeLeft);
    }

    // --- fixtures

    /** A predictable person: no rare events, no late starts, 20 s fixes, REPAIR median 50 min. */
    static Habits calm() {
        List<Double> flat = Collections.nCopies(24, 1.0);
        return new Habits("tech-01", flat, Map.of("REPAIR", new LogNormal(50, 0.3)), new LogNormal(60, 0.3),
                0, 10, 30, 5, 12 * 60, 0, 10, 5, 0, 0.5, 0, 20, 20, false, 0, new Habits.Rare(0, 0, 0));
    }

    static Habits withOffline(Habits h) {
        return new Habits(h.technicianId(), h.speedFactorByHour(), h.serviceMinutes(), h.defaultService(),
                h.lateStartChance(), h.lateStartMeanMin(), h.lunchMeanMin(), h.lunchSdMin(), h.lunchAfterMinute(),
                h.detourChance(), h.detourMeanMin(), h.gpsNoiseMeters(), h.gpsGapChance(), h.indoorFixChance(),
                1, 60, h.pingIntervalSec(), h.newHire(), h.firstDayIndex(), h.rare());
    }

    static Habits withRare(Habits h, Habits.Rare rare) {
        return new Habits(h.technicianId(), h.speedFactorByHour(), h.serviceMinutes(), h.defaultService(),
                h.lateStartChance(), h.lateStartMeanMin(), h.lunchMeanMin(), h.lunchSdMin(), h.lunchAfterMinute(),
                h.detourChance(), h.detourMeanMin(), h.gpsNoiseMeters(), h.gpsGapChance(), h.indoorFixChance(),
                h.offlineChance(), h.offlineMeanMin(), h.pingIntervalSec(), h.newHire(), h.firstDayIndex(), rare);
    }

    static TechnicianDay day(int visits) {
        return new TechnicianDay("tech-01", DATE, 0, ZONE, shift(0, 8), shift(0, 17), HOME, HOME,
                stops(DATE, visits));
    }

    static Instant shift(int dayOffset, int hour) {
        return DATE.plusDays(dayOffset).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /** Visits on a ring 3 km around home, hourly windows of 2 h from 8:00, every one a REPAIR. */
    static List<PlannedStop> stops(LocalDate date, int n) {
        List<PlannedStop> stops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            GeoPoint at = Geo.offset(HOME, 3000 * Math.cos(angle), 3000 * Math.sin(angle));
            Instant from = date.atTime(8 + i, 0).toInstant(ZoneOffset.UTC);
            stops.add(new PlannedStop(UUID.nameUUIDFromBytes((date + "/" + i).getBytes()), i, "REPAIR", at, from,
                    from.plusSeconds(7200), from.plusSeconds(1800), 60));
        }
        return stops;
    }

    /** Distance from p to the nearest straight leg between consecutive places of the day (home, stops, home). */
    static double distanceToCorridor(GeoPoint p, DayOutcome out) {
        List<GeoPoint> places = new ArrayList<>();
        places.add(HOME);
        for (PlannedStop s : stops(out.day().date(), out.visits().size())) {
            places.add(s.location());
        }
        places.add(HOME);
        double best = Double.MAX_VALUE;
        for (int i = 1; i < places.size(); i++) {
            PathWalker w = new PathWalker(List.of(places.get(i - 1), places.get(i)));
            for (double m = 0; m <= w.length(); m += 2) {
                best = Math.min(best, Geo.meters(p, w.at(m)));
            }
        }
        return best;
    }
}
