package io.fieldcast.eta.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the forecaster needs about one technician's day at instant {@code now}: the route, what happened to
 * each visit, the last GPS fix (null when none) and the start of the window each customer was last told (a
 * commitment: the technician does not ring before it). {@code heardAt}: when anything of the technician's phone last
 * reached the platform (a batch of fixes, a tap), null when never; {@code lastHeard}: what it received last, a tap or
 * a batch of fixes, and how old it was, null when nothing. {@code shiftEnd}: when the route's shift ends, null when
 * not known.
 */
public record DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                       Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress,
                       Fix lastFix, Instant now, Map<UUID, Instant> told, Break breakToday,
                       Instant routeChangedAt, Instant heardAt, LastHeard lastHeard, Instant shiftEnd) {

    /** A day whose shift end is not known. */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now, Map<UUID, Instant> told, Break breakToday, Instant routeChangedAt, Instant heardAt,
                    LastHeard lastHeard) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now, told,
                breakToday, routeChangedAt, heardAt, lastHeard, null);
    }

    /**
     * What the platform received last from the technician's phone, a tap or a batch of fixes: when it was received and
     * how long after it was made ({@code lag}; for fixes, their newest). A lag of many minutes is a phone back from
     * offline, sending what it kept; {@code fixes} says whether it was fixes (the taps kept come after them).
     */
    public record LastHeard(Instant receivedAt, Duration lag, boolean fixes) {

        /** The tap received last. */
        public static LastHeard tap(Instant receivedAt, Duration lag) {
            return new LastHeard(receivedAt, lag, false);
        }

        /** Of a tap and a batch of fixes (either may be null), the one received later; the tap when both at once. */
        public static LastHeard later(LastHeard tap, LastHeard fixes) {
            if (tap == null || fixes == null) {
                return tap == null ? fixes : tap;
            }
            return fixes.receivedAt().isAfter(tap.receivedAt()) ? fixes : tap;
        }
    }

    /** A day with no tap received yet (or none that matters). */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now, Map<UUID, Instant> told, Break breakToday, Instant routeChangedAt, Instant heardAt) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now, told,
                breakToday, routeChangedAt, heardAt, null);
    }

    /** A phone heard this long before the shift starts counts as on shift (the app opened at home). */
    static final Duration HEARD_BEFORE_SHIFT = Duration.ofHours(2);

    /** A day whose phone was never heard from. */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now, Map<UUID, Instant> told, Break breakToday, Instant routeChangedAt) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now, told,
                breakToday, routeChangedAt, null);
    }

    /** A day whose route never changed since its first (a route counts as settled). */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now, Map<UUID, Instant> told, Break breakToday) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now, told,
                breakToday, null);
    }

    /**
     * Whether the route has stood unchanged for at least {@code age} at {@code now}: the day's first route always has
     * (it is the plan the customers were booked on); one a re-plan replaced {@code routeChangedAt} must wait.
     */
    public boolean routeSettled(Duration age) {
        return routeChangedAt == null || !now.isBefore(routeChangedAt.plus(age));
    }

    /**
     * Whether the technician's phone, heard from on this shift, has said nothing new for more than {@code hold}
     * ({@link #silentSince}: the newest fix or tap it sent, not when it was sent). A phone on shift sends fixes every
     * few minutes, indoors too; silence that long is more often a phone offline, holding
     * taps and fixes it will send once it is back, than a job still going: in the demo six of seven windows moved on
     * such silence had no need to move, two of them after the van had reached the door. Before the phone is first
     * heard (the app not opened yet) nothing is known either way, so that is no silence. {@code hold} zero: never.
     */
    public boolean phoneSilent(Duration hold) {
        if (hold == null || hold.isZero() || heardAt == null || shiftStart == null) {
            return false;
        }
        return !heardAt.isBefore(shiftStart.minus(HEARD_BEFORE_SHIFT)) && now.isAfter(silentSince().plus(hold));
    }

    /**
     * Since when the phone has said nothing new (null when never heard): the device time of the newest fix or tap
     * it sent, or its last contact when that is earlier (a phone clock ahead). A phone is heard when something of it
     * reaches the platform, yet what reached it may be old: at 600x a fix taken at 15:39 came at 15:47, then nothing;
     * four minutes after that contact, twelve after the newest news, a long job moved a customer's window to 16:00,
     * and the van, its "done" and "on the way" held on the offline phone, rang at 15:52. The news says where the
     * day stood; the contact only that the phone was on line a moment, with more of the past perhaps behind it.
     */
    public Instant silentSince() {
        Instant news = newsAt();
        return heardAt == null || news == null || news.isAfter(heardAt) ? heardAt : news;
    }

    /**
     * Until when the day is known as it stands: now, less the lag of what the phone sent last (never before the newest
     * thing it said). What the phone says reaches the platform that late, so a job it has not said is done may have
     * ended since: at 600x the fixes of a technician 93 minutes into a job came 8.6 minutes after they were taken, the
     * window of the next customer was moved 45 minutes later "previous job running 42 min long", and the van, done at
     * 18:05 with its taps still on their way, rang at 18:11, four minutes before the new window opened. A phone heard
     * at once (a lag near zero, as at 1x) leaves now.
     */
    public Instant knownUntil() {
        if (lastHeard == null || lastHeard.lag() == null || !lastHeard.lag().isPositive()
                || lastHeard.receivedAt().isAfter(now)) {
            return now;
        }
        Instant known = now.minus(lastHeard.lag());
        Instant news = newsAt();
        if (news != null && news.isAfter(known)) {
            known = news;
        }
        return known.isAfter(now) ? now : known;
    }

    /** The device time of the newest thing the phone said today, its newest fix or its latest tap; null when none. */
    public Instant newsAt() {
        Instant news = lastFix == null ? null : lastFix.time();
        for (VisitProgress p : progress.values()) {
            for (Instant t : new Instant[] {p.enRouteAt(), p.arrivedAt(), p.finishedAt()}) {
                if (t != null && (news == null || t.isAfter(news))) {
                    news = t;
                }
            }
        }
        return news;
    }

    /**
     * Today's midday break as the taps show it: a gap between a job done and leaving for the next one; {@code end}
     * is null while it lasts (nothing since the job was done, for longer than a break's minimum gap).
     * {@code forWindow}: the gap ended at the next customer's door as their window opened (or still may: that window
     * has not opened yet), so it may be a wait for the window rather than the break; {@code later}: the next such gap
     * of the day, or null.
     */
    public record Break(Instant start, Instant end, boolean forWindow, Break later) {

        public Break(Instant start, Instant end) {
            this(start, end, false, null);
        }
    }

    public DayState {
        progress = progress == null ? Map.of() : progress;
        told = told == null ? Map.of() : Map.copyOf(told);
    }

    /** No break seen yet today. */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now, Map<UUID, Instant> told) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now, told,
                null);
    }

    /** A day where no customer was told a window yet. */
    public DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                    Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress, Fix lastFix,
                    Instant now) {
        this(technicianId, date, planVersion, startLat, startLon, shiftStart, visits, progress, lastFix, now,
                Map.of());
    }

    /** Start of the window this customer was last told, or null. */
    public Instant toldStart(UUID appointmentId) {
        return told.get(appointmentId);
    }

    public record Fix(Instant time, double lat, double lon) {
    }

    public VisitProgress progressOf(UUID appointmentId) {
        return progress.getOrDefault(appointmentId, VisitProgress.NONE);
    }
}
