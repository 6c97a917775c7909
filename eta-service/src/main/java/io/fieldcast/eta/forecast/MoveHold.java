package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.road.Geo;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * When what the platform knows of a technician's day cannot be trusted to move the windows told to customers: a
 * forecast is still recomputed and stored, but a change to a told window waits until the day's state is whole again.
 * Both cases come from a phone back from a while offline, or about to be:
 * <ul>
 * <li>the phone sent a tap long after it was tapped, or fixes long after they were taken, a moment ago
 * ({@link #CATCHING_UP_LAG}): it is back from offline, and what else it kept is on its way. The fixes come first
 * (the phone sends what it queued before each tap): at 600x a phone silent from 15:28 sent its fixes of 15:35-15:42
 * at 16:16:48; heard again, it no longer held the move a re-plan had asked for during the silence, and at 16:17:32 a
 * window 50 minutes later went to a customer whose van had been at the door since 15:54, its taps still on their
 * way;</li>
 * <li>the phone, heard on shift, has said nothing new for longer than {@code silence-hold} (its newest fix or tap is
 * that old, however lately it came): it may be offline with the tap that says the job is done
 * ({@link DayState#phoneSilent});</li>
 * <li>a fresh fix puts the van more than {@link #AWAY_METERS} from the job the taps say it is at: a phone back from
 * offline sends its fixes and its taps on separate topics, and the fixes can be read first. At 600x a window was
 * moved 45 minutes later "previous job running 23 min long" two minutes after the van had reached that very
 * customer, the replayed taps still on their way; a tap forgotten looks the same, and waits the same;</li>
 * <li>a fresh fix puts the van at the door ({@link #DOOR_METERS}) of a customer the taps say it has not set off for,
 * after the last job they say was done: again taps replayed behind the fixes. At 600x a window moved 45 minutes
 * later at 16:02 for a customer whose van had been at the door since 15:52; the phone, offline from 15:45, sent
 * "on the way" and "arrived" a minute after its fixes, and the customer was texted a window after the van came.</li>
 * </ul>
 */
final class MoveHold {

    /** Farther than this from the job's place, the van has left it (a fix indoors strays 150 m at most). */
    static final double AWAY_METERS = 500;
    /** This near a customer's place, the van is at the door. */
    static final double DOOR_METERS = 150;
    /**
     * A tap received this long after it was tapped comes from a phone back from offline ({@code received_at} is when
     * the server took it): well above the platform's own lag (p90 1.4 min on a 24-technician day at 120x).
     */
    static final Duration CATCHING_UP_LAG = Duration.ofMinutes(10);
    /**
     * For this long after such a tap nothing told moves: the rest of what the phone kept comes on other topics, fixes
     * and taps interleaved. On a 24-technician day a phone offline for 100 minutes sent its "done" at 23:12:40, its
     * "on the way" and "arrived" (22:51, 22:57) a second and three later; in between a window was moved 55 minutes
     * later and texted to a customer whose van had been at the door for a quarter of an hour.
     */
    static final Duration CATCHING_UP_SETTLE = Duration.ofMinutes(3);

    private MoveHold() {
    }

    /** Why a change to a told window of this day waits now, or null when it need not. */
    static String why(DayState day, Duration silenceHold) {
        if (day.phoneSilent(silenceHold)) {
            return "whose phone has said nothing newer than " + day.silentSince() + " (heard " + day.heardAt() + ")";
        }
        return tapsBehind(day);
    }

    /**
     * Whether a fresh fix puts the van at the door of {@code appointmentId} ({@link #DOOR_METERS}): on its way there by
     * the taps, it has come, and its "arrived" may be behind the fix. A delay told then would tell a window starting
     * after the van came.
     */
    static boolean atTheDoor(DayState day, UUID appointmentId) {
        DayState.Fix fix = freshFix(day);
        return fix != null && day.visits().stream().anyMatch(v -> v.appointmentId().equals(appointmentId)
                && Geo.meters(fix.lat(), fix.lon(), v.lat(), v.lon()) <= DOOR_METERS);
    }

    /** The day's last fix when it is fresh ({@link ArrivalForecaster#FRESH_FIX}) and not ahead of now, else null. */
    private static DayState.Fix freshFix(DayState day) {
        DayState.Fix fix = day.lastFix();
        return fix == null || fix.time().isAfter(day.now())
                || fix.time().isBefore(day.now().minus(ArrivalForecaster.FRESH_FIX)) ? null : fix;
    }

    /**
     * Why the taps of this day are behind (a phone catching up, and the two cases of fresh fixes above), or null. A
     * first window waits for it too: on a 24-technician day a phone back from an hour offline had its fixes read
     * before its taps, and a customer whose van had been at the door for 28 minutes was texted a first window starting
     * 18 minutes later. Silence alone does not hold a first window (nothing told yet can be wrong about a job still going).
     */
    static String tapsBehind(DayState day) {
        DayState.LastHeard heard = day.lastHeard();
        if (heard != null && heard.lag().compareTo(CATCHING_UP_LAG) > 0 && !heard.receivedAt().isAfter(day.now())
                && day.now().isBefore(heard.receivedAt().plus(CATCHING_UP_SETTLE))) {
            return String.format(Locale.ROOT, "whose phone sent at %s %s %d min old: back from offline, its other"
                    + " taps and fixes may still be on their way", heard.receivedAt(),
                    heard.fixes() ? "fixes" : "a tap", heard.lag().toMinutes());
        }
        DayState.Fix fix = freshFix(day);
        if (fix == null) {
            return null;
        }
        boolean underWay = false;
        Instant lastDone = null;
        for (VisitPlan v : day.visits()) {
            VisitProgress p = day.progressOf(v.appointmentId());
            if (p.inService() && fix.time().isAfter(p.arrivedAt())) {
                double meters = Geo.meters(fix.lat(), fix.lon(), v.lat(), v.lon());
                if (meters > AWAY_METERS) {
                    return String.format(Locale.ROOT, "whose fix of %s is %.0f m from the job the taps say is under way",
                            fix.time(), meters);
                }
            }
            underWay |= p.inService() || (p.enRouteAt() != null && !p.done());
            if (p.finishedAt() != null && (lastDone == null || p.finishedAt().isAfter(lastDone))) {
                lastDone = p.finishedAt();
            }
        }
        if (underWay || (lastDone != null && !fix.time().isAfter(lastDone))) {
            return null;
        }
        for (VisitPlan v : day.visits()) {
            VisitProgress p = day.progressOf(v.appointmentId());
            if (p.enRouteAt() == null && !p.done()
                    && Geo.meters(fix.lat(), fix.lon(), v.lat(), v.lon()) <= DOOR_METERS) {
                return String.format(Locale.ROOT, "whose fix of %s is at the door of visit %s, not set off for by the"
                        + " taps", fix.time(), v.appointmentId());
            }
        }
        return null;
    }
}
