package io.fieldcast.simulator.day;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.Seeds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lives one technician's published day with their hidden habits: leaves home (maybe late), waits when far too early,
 * drives, taps, works for a log-normal time, takes lunch, maybe meets a closed door, runs a job twice as long or
 * goes home sick, and drives home. Returns the truth and the phone's outputs; deterministic for (seed, technician,
 * date, route).
 */
public final class DayEngine {

    /** After this much overtime the technician gives up on the remaining visits. */
    static final Duration MAX_OVERTIME = Duration.ofMinutes(90);
    /** A technician tries to arrive this long before the window opens, no earlier. */
    static final Duration EARLY_MARGIN = Duration.ofMinutes(5);
    /** Minutes into a job at which the technician has seen what it needs (at most half of it), drawn within these. */
    static final double SEEN_FROM_MIN = 10;
    static final double SEEN_TO_MIN = 25;
    /** A job this many minutes past what the technician said gets a second word. */
    static final double OUTRUN_MIN = 10;
    /** Fewer minutes than this left: nothing worth telling. */
    static final double NOTHING_TO_TELL_MIN = 5;
    /** The technician answers the phone's question within this many seconds of seeing it, drawn. */
    static final int LOOK_AT_PHONE_MAX_SEC = 180;

    private final long seed;
    private final Router router;

    public DayEngine(long seed, Router router) {
        this.seed = seed;
        this.router = router;
    }

    /**
     * Continuing a day after a re-plan: {@code day} then starts where and when the technician is, and holds only the
     * visits still to do. {@code round} (1, 2, …) keeps randomness and client ids apart from earlier rounds;
     * {@code shiftStart}, when the day's shift really started (null: the day's start), against which its fate is drawn.
     */
    public record Resume(int round, boolean lunchTaken, Parked parked, Instant shiftStart) {

        public Resume(int round, boolean lunchTaken) {
            this(round, lunchTaken, null, null);
        }

        public Resume(int round, boolean lunchTaken, Parked parked) {
            this(round, lunchTaken, parked, null);
        }
    }

    /**
     * The van already drove to the day's first stop and just parked there ({@code day} starts at {@code parkedAt}):
     * the day goes on from the door, e.g. because the phone showed a new told window when the van parked.
     */
    public record Parked(Instant departedAt, Instant parkedAt, double freeFlowSeconds, double meters,
                         double detourMinutes) {
    }

    public DayOutcome simulate(TechnicianDay day, Habits habits) {
        return simulate(day, habits, null);
    }

    public DayOutcome simulate(TechnicianDay day, Habits habits, Resume resume) {
        SplittableRandom rng = resume == null ? Seeds.stream(seed, "day", day.technicianId(), day.date())
                : Seeds.stream(seed, "day", day.technicianId(), day.date(), "resume", resume.round());
        Phone phone = new Phone(seed, day.technicianId(), day.date(), habits, rng,
                resume == null ? 0 : resume.round() * Phone.IDS_PER_ROUND);
        Driver driver = new Driver(habits, day.zone(), rng);
        List<Truth.Visit> visits = new ArrayList<>();

        // The day's fate (a late start, going home sick, the phone offline) is the technician-day's, drawn once: a
        // resumed round (a re-plan, a window read at the door) draws it again from the first round's stream, against
        // the shift's real start. Drawn afresh in every round, a day re-planned five times went sick or offline five
        // times as often (a technician home sick on a 24-technician demo day was a resumed round's draw).
        Fate fate = resume == null ? fate(day.shiftStart(), day.shiftEnd(), habits, rng)
                : fate(resume.shiftStart() == null ? day.shiftStart() : resume.shiftStart(), day.shiftEnd(), habits,
                Seeds.stream(seed, "day", day.technicianId(), day.date()));
        double lateMin = resume == null ? fate.lateMin() : 0;
        Instant t = day.shiftStart().plusSeconds(Math.round(lateMin * 60));
        Instant leftHome = t;
        Instant sickAt = fate.sickAt();
        List<Truth.Interval> offline = fate.offline();
        GeoPoint pos = day.start();
        double meters = 0;
        Truth.Interval lunch = null;
        boolean lunchDone = resume != null && resume.lunchTaken();
        Instant wentSick = null;

        List<PlannedStop> stops = day.stops();
        for (int i = 0; i < stops.size(); i++) {
            PlannedStop stop = stops.get(i);
            Parked atDoor = i == 0 && resume != null ? resume.parked() : null;
            if (atDoor != null) {
                Truth.Visit visit = atTheDoor(day, stop, habits, rng, phone, atDoor);
                visits.add(visit);
                pos = stop.location();
                t = visit.finishedAt().plusSeconds(60 + rng.nextInt(180)); // packing up
                continue;
            }
            if (sickAt != null && !t.isBefore(sickAt)) {
                wentSick = t;
                // The technician says so on the phone before driving home, as for a day out of time: dispatch
                // learns these visits will not be done today and re-plans the rest of the day without them. (A live
                // day drops these taps: the technician calls the dispatcher, who records the absence, and the visits
                // go to others; run.Replanner.)
                for (PlannedStop left : stops.subList(i, stops.size())) {
                    phone.tap(left.appointmentId(), VisitStatus.CANNOT_COMPLETE, "OTHER", "technician went home sick",
                            t);
                    t = t.plusSeconds(5);
                    visits.add(notVisited(day, left, Truth.Outcome.SKIPPED_SICK));
                }
                break;
            }
            if (t.isAfter(day.shiftEnd().plus(MAX_OVERTIME))) {
                for (PlannedStop left : stops.subList(i, stops.size())) {
                    phone.tap(left.appointmentId(), VisitStatus.CANNOT_COMPLETE, "OUT_OF_TIME", null, t);
                    t = t.plusSeconds(5);
                    visits.add(notVisited(day, left, Truth.Outcome.OUT_OF_TIME));
                }
                break;
            }
            if (lunch == null && !lunchDone && (i > 0 || resume != null)
                    && localMinute(t, day) >= habits.lunchAfterMinute()) {
                double minutes = Math.clamp(habits.lunchMeanMin() + habits.lunchSdMin() * Seeds.gaussian(rng), 10, 90);
                Instant end = t.plusSeconds(Math.round(minutes * 60));
                phone.standing(pos, t, end, 0.95, 1);
                lunch = new Truth.Interval(t, end);
                t = end;
            }
            Leg leg = router.drive(pos, stop.location());
            t = waitIfFarTooEarly(t, leg, stop, habits, day, phone, pos);
            Instant departed = t;
            phone.tap(stop.appointmentId(), VisitStatus.EN_ROUTE, null, null, departed);
            Driver.Drive drive = driver.drive(leg, departed, phone);
            meters += leg.meters();
            Instant parked = drive.arrival();
            Instant arrived = ringAt(stop, parked, phone, rng);
            Truth.Visit visit = work(day, stop, habits, luck(day, stop), phone, departed, parked, arrived, leg,
                    drive.detourMinutes());
            visits.add(visit);
            pos = stop.location();
            t = visit.finishedAt().plusSeconds(60 + rng.nextInt(180)); // packing up
        }

        Leg home = router.drive(pos, day.end());
        Instant back = driver.drive(home, t, phone).arrival();
        meters += home.meters();
        List<PhoneOutput> outputs = phone.outputs(offline);
        int fixes = (int) outputs.stream().filter(o -> o instanceof PhoneOutput.Fix).count();
        var truth = new Truth.Day(day.technicianId(), day.date(), leftHome, Math.round(lateMin * 10) / 10.0, lunch,
                offline, wentSick, back, Math.round(meters), fixes, outputs.size() - fixes);
        return new DayOutcome(truth, visits, outputs);
    }

    /**
     * Company policy: nobody rings before the booked window opens, nor before the window the customer was last told
     * (what the phone shows when the van parks); an early van waits outside. Taps ARRIVED; returns when the
     * technician rings.
     */
    private static Instant ringAt(PlannedStop stop, Instant parked, Phone phone, SplittableRandom rng) {
        Instant arrived = parked;
        Instant doorOpens = stop.doorOpens();
        if (doorOpens != null && parked.isBefore(doorOpens)) {
            arrived = doorOpens;
            phone.standing(stop.location(), parked, arrived, 0.9, 1);
        }
        phone.tap(stop.appointmentId(), VisitStatus.ARRIVED, null, null, arrived.plusSeconds(15 + rng.nextInt(106)));
        return arrived;
    }

    /** The first stop of a day resumed with the van parked at it: the drive is done, the rest goes on as usual. */
    private Truth.Visit atTheDoor(TechnicianDay day, PlannedStop stop, Habits habits, SplittableRandom rng,
                                  Phone phone, Parked p) {
        Instant arrived = ringAt(stop, p.parkedAt(), phone, rng);
        Leg leg = new Leg(p.freeFlowSeconds(), p.meters(), List.of(stop.location()));
        return work(day, stop, habits, luck(day, stop), phone, p.departedAt(), p.parkedAt(), arrived, leg,
                p.detourMinutes());
    }

    private Instant waitIfFarTooEarly(Instant t, Leg leg, PlannedStop stop, Habits habits, TechnicianDay day,
                                      Phone phone, GeoPoint pos) {
        double usualSeconds = leg.seconds() * habits.speedFactor(t.atZone(day.zone()).getHour());
        Instant leaveBy = stop.windowStart().minusSeconds(Math.round(usualSeconds)).minus(EARLY_MARGIN);
        if (t.isBefore(leaveBy)) {
            phone.standing(pos, t, leaveBy, 0.9, 1);
            return leaveBy;
        }
        return t;
    }

    /**
     * The luck of one customer's job that day, whoever does it and whenever: whether anybody is home, whether it is
     * one of the long ones, how its length falls within the technician's habit. From a stream of its own, keyed by
     * the customer's door and the job, so that a re-plan (which resumes the day from fresh streams), another order of
     * the day or another technician changes who does the job and when, not how the job goes: two runs of one seed
     * whose plans differ still draw the same jobs, and a comparison of two settings over them is paired.
     */
    private SplittableRandom luck(TechnicianDay day, PlannedStop stop) {
        return Seeds.stream(seed, "job", day.date(), stop.location().lat(), stop.location().lon(), stop.jobType());
    }

    /** The job from the door ({@code arrived}); the drive ended when the van was {@code parked}. */
    private static Truth.Visit work(TechnicianDay day, PlannedStop stop, Habits habits, SplittableRandom rng,
                                    Phone phone, Instant departed, Instant parked, Instant arrived, Leg leg,
                                    double detourMin) {
        double driveSeconds = Duration.between(departed, parked).toMillis() / 1000.0;
        if (Seeds.chance(rng, habits.rare().noShowChance())) {
            Instant gaveUp = arrived.plusSeconds(300 + rng.nextInt(600));
            phone.standing(stop.location(), arrived, gaveUp, 0.9, 1);
            phone.tap(stop.appointmentId(), VisitStatus.CANNOT_COMPLETE, "CUSTOMER_NOT_HOME",
                    "nobody answered the door", gaveUp);
            return new Truth.Visit(day.technicianId(), day.date(), stop.appointmentId(), stop.jobType(), departed,
                    arrived, gaveUp, Truth.Outcome.NO_SHOW, driveSeconds, leg.seconds(), leg.meters(),
                    minutes(arrived, gaveUp), false, detourMin);
        }
        boolean longJob = Seeds.chance(rng, habits.rare().longJobChance());
        double serviceMin = habits.jobMinutes(stop.jobType(), Seeds.gaussian(rng), longJob);
        Instant done = arrived.plusSeconds(Math.round(serviceMin * 60));
        phone.standing(stop.location(), arrived, done, habits.indoorFixChance(), 2.5);
        tellTimeLeft(stop, habits.timeLeft(), rng, phone, arrived, done);
        phone.tap(stop.appointmentId(), VisitStatus.COMPLETED, null, null, done);
        return new Truth.Visit(day.technicianId(), day.date(), stop.appointmentId(), stop.jobType(), departed,
                arrived, done, Truth.Outcome.COMPLETED, driveSeconds, leg.seconds(), leg.meters(),
                Math.round(serviceMin * 10) / 10.0, longJob, detourMin);
    }

    /**
     * The technician tells the phone how long the job has left ({@link Habits.TimeLeft}): once they have seen what it
     * needs, and again if it runs {@link #OUTRUN_MIN} past what they said. Drawn from the job's own stream after its
     * length, so that every job lasts as long as it did before technicians told it.
     */
    private static void tellTimeLeft(PlannedStop stop, Habits.TimeLeft habit, SplittableRandom rng, Phone phone,
                                     Instant arrived, Instant done) {
        if (!(habit.chance() > 0) || !Seeds.chance(rng, habit.chance())) {
            return;
        }
        double jobMin = Duration.between(arrived, done).toSeconds() / 60.0;
        double seen = Math.min(Seeds.uniform(rng, SEEN_FROM_MIN, SEEN_TO_MIN), jobMin / 2);
        double first = Seeds.gaussian(rng);
        double again = Seeds.gaussian(rng);
        if (jobMin - seen < NOTHING_TO_TELL_MIN) {
            return;
        }
        Instant at = arrived.plusSeconds(Math.round(seen * 60));
        int said = said(jobMin - seen, habit, first);
        phone.timeLeft(stop.appointmentId(), said, at);
        Instant outrun = at.plusSeconds(Math.round((said + OUTRUN_MIN) * 60));
        double stillLeft = Duration.between(outrun, done).toSeconds() / 60.0;
        if (stillLeft >= NOTHING_TO_TELL_MIN) {
            phone.timeLeft(stop.appointmentId(), said(stillLeft, habit, again), outrun);
        }
    }

    /**
     * The technician's answer to the phone's question, asked at {@code askedAt} and seen at {@code now}, how long the
     * job of {@code visit} (its truth) still takes; null when they do not answer. They answer only while on site
     * ({@code arrivedAt <= now < finishedAt}), with their chance per job, a little after seeing it (up to
     * {@link #LOOK_AT_PHONE_MAX_SEC}), and as they tell the time left unasked ({@link #said}); not when fewer than
     * {@link #NOTHING_TO_TELL_MIN} minutes are left by then. Drawn from a stream of the ask's own, so that answering
     * changes nothing else of the day, and gives the same answer to the same ask in every run of the seed.
     */
    public PhoneOutput.TimeLeft answer(Truth.Visit visit, Habits.TimeLeft habit, Instant askedAt, Instant now) {
        if (visit.arrivedAt() == null || visit.finishedAt() == null || now.isBefore(visit.arrivedAt())
                || !now.isBefore(visit.finishedAt())) {
            return null;
        }
        SplittableRandom rng = Seeds.stream(seed, "time-left-ask", visit.technicianId(), visit.appointmentId(),
                askedAt);
        boolean answers = Seeds.chance(rng, habit.chance());
        int lookSec = rng.nextInt(LOOK_AT_PHONE_MAX_SEC + 1);
        double z = Seeds.gaussian(rng);
        String idSuffix = Integer.toUnsignedString(rng.nextInt(), 36);
        // The phone cannot show a question before it is asked, whatever the two clocks say.
        Instant at = (askedAt.isAfter(now) ? askedAt : now).plusSeconds(lookSec);
        double leftMin = Duration.between(at, visit.finishedAt()).toSeconds() / 60.0;
        if (!answers || leftMin < NOTHING_TO_TELL_MIN) {
            return null;
        }
        String clientId = "a-" + Phone.idPrefix(seed, visit.technicianId(), visit.date()) + "-" + idSuffix;
        return new PhoneOutput.TimeLeft(visit.appointmentId(), said(leftMin, habit, z), at, clientId, at, askedAt);
    }

    /** What a technician says of {@code leftMin} minutes left, at draw {@code z}: to the nearest five minutes. */
    static int said(double leftMin, Habits.TimeLeft habit, double z) {
        double word = leftMin * Math.exp(habit.lean() + habit.spread() * Math.clamp(z, -3, 3));
        return (int) Math.clamp(Math.round(word / 5) * 5, 5, 480);
    }

    private static Truth.Visit notVisited(TechnicianDay day, PlannedStop stop, Truth.Outcome why) {
        return new Truth.Visit(day.technicianId(), day.date(), stop.appointmentId(), stop.jobType(), null, null, null,
                why, 0, 0, 0, 0, false, 0);
    }

    /** What a technician-day holds in store: minutes of a late start, when they go home sick, the phone offline. */
    private record Fate(double lateMin, Instant sickAt, List<Truth.Interval> offline) {
    }

    /** The fate of a shift from {@code start} to {@code end}, drawn from {@code rng} in the first round's order. */
    private static Fate fate(Instant start, Instant end, Habits habits, SplittableRandom rng) {
        double lateMin = Seeds.chance(rng, habits.lateStartChance())
                ? Math.min(90, exponential(rng, habits.lateStartMeanMin())) : 0;
        Instant sickAt = sickTime(start, end, habits, rng);
        return new Fate(lateMin, sickAt, offlinePeriods(start, end, habits, rng));
    }

    private static Instant sickTime(Instant start, Instant end, Habits habits, SplittableRandom rng) {
        if (!Seeds.chance(rng, habits.rare().sickChance())) {
            return null;
        }
        long shiftSec = Duration.between(start, end).toSeconds();
        long from = Math.min(5400, shiftSec / 3);
        long to = Math.max(from + 1, shiftSec - 7200);
        return start.plusSeconds(from + (long) (rng.nextDouble() * (to - from)));
    }

    private static List<Truth.Interval> offlinePeriods(Instant start, Instant end, Habits habits,
                                                       SplittableRandom rng) {
        if (!Seeds.chance(rng, habits.offlineChance())) {
            return List.of();
        }
        long shiftSec = Math.max(3600, Duration.between(start, end).toSeconds());
        Instant from = start.plusSeconds((long) (rng.nextDouble() * (shiftSec - 1800)));
        double minutes = Math.clamp(exponential(rng, habits.offlineMeanMin()), 2, 180);
        return List.of(new Truth.Interval(from, from.plusSeconds(Math.round(minutes * 60))));
    }

    private static int localMinute(Instant t, TechnicianDay day) {
        var local = t.atZone(day.zone());
        return local.getHour() * 60 + local.getMinute();
    }

    private static double minutes(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toSeconds() / 6.0) / 10.0;
    }

    private static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }
}
