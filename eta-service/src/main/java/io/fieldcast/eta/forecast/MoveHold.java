package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.road.Geo;

import java.time.Duration;
import java.util.Locale;

/**
 * When what the platform knows of a technician's day cannot be trusted to move the windows told to customers: a
 * forecast is still recomputed and stored, but a change to a told window waits until the day's state is whole again.
 * Both cases come from a phone back from a while offline, or about to be:
 * <ul>
 * <li>the phone, heard on shift, has been silent for longer than {@code silence-hold}: it may be offline with the
 * tap that says the job is done ({@link DayState#phoneSilent});</li>
 * <li>a fresh fix puts the van more than {@link #AWAY_METERS} from the job the taps say it is at: a phone back from
 * offline sends its fixes and its taps on separate topics, and the fixes can be read first. At 600x a window was
 * moved 45 minutes later "previous job running 23 min long" two minutes after the van had reached that very
 * customer, the replayed taps still on their way; a tap forgotten looks the same, and waits the same.</li>
 * </ul>
 */
final class MoveHold {

    /** Farther than this from the job's place, the van has left it (a fix indoors strays 150 m at most). */
    static final double AWAY_METERS = 500;

    private MoveHold() {
    }

    /** Why a change to a told window of this day waits now, or null when it need not. */
    static String why(DayState day, Duration silenceHold) {
        if (day.phoneSilent(silenceHold)) {
            return "whose phone is silent since " + day.heardAt();
        }
        DayState.Fix fix = day.lastFix();
        if (fix == null || fix.time().isAfter(day.now())
                || fix.time().isBefore(day.now().minus(ArrivalForecaster.FRESH_FIX))) {
            return null;
        }
        for (VisitPlan v : day.visits()) {
            VisitProgress p = day.progressOf(v.appointmentId());
            if (p.inService() && fix.time().isAfter(p.arrivedAt())) {
                double meters = Geo.meters(fix.lat(), fix.lon(), v.lat(), v.lon());
                if (meters > AWAY_METERS) {
                    return String.format(Locale.ROOT, "whose fix of %s is %.0f m from the job the taps say is under way",
                            fix.time(), meters);
                }
            }
        }
        return null;
    }
}
