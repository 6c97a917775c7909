package io.fieldcast.notify.policy;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.notify.policy.Decision.Content;
import io.fieldcast.notify.policy.Decision.Reason;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.Decision.Suppress;
import io.fieldcast.notify.policy.Decision.Window;
import io.fieldcast.notify.policy.Trigger.Booked;
import io.fieldcast.notify.policy.Trigger.Canceled;
import io.fieldcast.notify.policy.Trigger.Unassigned;
import io.fieldcast.notify.policy.Trigger.Forecast;
import io.fieldcast.notify.policy.Trigger.ReminderDue;
import io.fieldcast.notify.policy.Trigger.Rescheduled;
import io.fieldcast.notify.policy.Trigger.StatusChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which texts an appointment earns: (what was told so far, what just happened, now) → messages to send or to hold
 * back, with reasons. Pure: no clock, no database, no channel, so every rule has its own unit test.
 */
public final class NotificationPolicy {

    /** {@code VisitStatusChanged.reasonCode} of a visit nobody was home for. */
    public static final String CUSTOMER_NOT_HOME = "CUSTOMER_NOT_HOME";
    /** The reason a technician taps when the shift ends before a visit: nobody comes today. */
    public static final String OUT_OF_TIME = "OUT_OF_TIME";

    private final PolicySettings settings;
    private final QuietHours quietHours;

    public NotificationPolicy(PolicySettings settings) {
        this.settings = settings;
        this.quietHours = new QuietHours(settings.quietStart(), settings.quietEnd());
    }

    public List<Decision> decide(AppointmentView view, Trigger trigger, Instant now) {
        if (view == null) {
            return List.of(new Suppress(kindOf(trigger), Reason.UNKNOWN_APPOINTMENT));
        }
        return switch (trigger) {
            case Booked b -> List.of(send(view, MessageKind.BOOKING_CONFIRMATION, view.promiseKey(), 0, now,
                    promise(view), null));
            case Rescheduled r -> List.of(send(view, MessageKind.RESCHEDULE_CONFIRMATION, "e" + r.eventId(), 0, now,
                    promise(view), null));
            case Canceled c -> List.of(send(view, MessageKind.CANCELLATION_CONFIRMATION, "once", 0, now,
                    promise(view), null));
            case Unassigned u -> unassigned(view, now);
            case ReminderDue r -> reminder(view, now);
            case Forecast f -> forecast(view, f, now);
            case StatusChanged s -> status(view, s, now);
        };
    }

    /**
     * The day can no longer take the visit: its customer, at home for it, hears so at once, once per booked promise (a
     * redelivery, or the visit dropped again after a dispatcher put it back, texts nothing more), with the link to pick
     * another time. Not once the technician has set off or come (a re-plan keeps such a visit), nor when canceled.
     */
    private List<Decision> unassigned(AppointmentView view, Instant now) {
        if (view.canceled()) {
            return List.of(new Suppress(MessageKind.NOT_TODAY, Reason.APPOINTMENT_CANCELED, view.promiseKey()));
        }
        if (view.visitStatus() != null) {
            return List.of(new Suppress(MessageKind.NOT_TODAY, Reason.VISIT_UNDER_WAY, view.promiseKey()));
        }
        return List.of(send(view, MessageKind.NOT_TODAY, view.promiseKey(), 0, now, promise(view), null));
    }

    private List<Decision> reminder(AppointmentView view, Instant now) {
        if (view.canceled()) {
            return List.of(new Suppress(MessageKind.REMINDER, Reason.APPOINTMENT_CANCELED));
        }
        Content content = view.toldStart() != null
                ? new Content(view.toldStart(), view.toldEnd(), null, view.technicianFirstName(), false, false)
                : promise(view);
        return List.of(send(view, MessageKind.REMINDER, view.promiseKey(), 0, now, content, null));
    }

    private List<Decision> forecast(AppointmentView view, Forecast f, Instant now) {
        MessageKind kind = view.toldStart() == null ? MessageKind.WINDOW_NARROWED : MessageKind.WINDOW_UPDATED;
        if (view.canceled()) {
            return List.of(new Suppress(kind, Reason.APPOINTMENT_CANCELED));
        }
        boolean lostOnTheWay = lostOnTheWay(view, f);
        if (view.visitStatus() != null && !lostOnTheWay) {
            // Once the technician set off, "on the way" and the tracking page say more than a window could.
            return List.of(new Suppress(kind, Reason.VISIT_UNDER_WAY));
        }
        if (f.version() <= view.forecastVersion()) {
            return List.of(new Suppress(kind, Reason.STALE_FORECAST));
        }
        Window window = new Window(f.windowStart(), f.windowEnd());
        // A first window needs no why; a moved one says why and how sure we are of the new one.
        Content content = new Content(f.windowStart(), f.windowEnd(), f.p50(), view.technicianFirstName(), false,
                false, view.toldStart() == null ? null : f.cause(), f.probability());
        if (lostOnTheWay) {
            // The van set off and the window told is lost: a delay, whatever the daily limit of updates says.
            return List.of(send(view, MessageKind.DELAY, "v" + f.version(), f.version(), now, content, window));
        }
        boolean late = f.windowEnd().isAfter(view.promisedEnd().plus(settings.lateTolerance()));
        boolean toldLate = view.toldEnd() != null
                && view.toldEnd().isAfter(view.promisedEnd().plus(settings.lateTolerance()));
        if (late && !toldLate) {
            // Breaking the promise is always worth a text, whatever the daily limit says.
            return List.of(send(view, MessageKind.DELAY, view.promiseKey(), f.version(), now, content, window));
        }
        if (view.toldStart() == null) {
            return List.of(send(view, MessageKind.WINDOW_NARROWED, view.promiseKey(), f.version(), now, content,
                    window));
        }
        Duration moved = Duration.between(view.toldStart(), f.windowStart()).abs();
        if (moved.compareTo(settings.materialMove()) < 0) {
            return List.of(new Suppress(MessageKind.WINDOW_UPDATED, Reason.NOT_MATERIAL));
        }
        if (view.updatesOn(now.atZone(view.zone()).toLocalDate()) >= settings.maxUpdatesPerDay()) {
            return List.of(new Suppress(MessageKind.WINDOW_UPDATED, Reason.DAILY_UPDATE_LIMIT));
        }
        return List.of(send(view, MessageKind.WINDOW_UPDATED, "v" + f.version(), f.version(), now, content, window));
    }

    /**
     * A window eta-service moved later because the told one was lost on the way (the van set off after a job ran long,
     * or was held up), while the van is still on its way: the customer, who was told "on the way", hears of the delay
     * with the new window. Any other forecast reaching notify after the van set off was made before eta-service knew
     * (a tap read late) and is not texted: it would tell a window later than the van that is coming.
     */
    private static boolean lostOnTheWay(AppointmentView view, Forecast f) {
        return VisitStatus.EN_ROUTE.name().equals(view.visitStatus()) && view.toldEnd() != null
                && ArrivalForecast.CAUSE_HELD_UP_ON_THE_WAY.equals(f.cause()) && f.windowEnd().isAfter(view.toldEnd());
    }

    private List<Decision> status(AppointmentView view, StatusChanged s, Instant now) {
        if (s.status() == VisitStatus.EN_ROUTE) {
            if (view.canceled()) {
                return List.of(new Suppress(MessageKind.ON_THE_WAY, Reason.APPOINTMENT_CANCELED));
            }
            Instant arrival = view.forecastP50() != null ? view.forecastP50()
                    : view.plannedArrival() != null ? view.plannedArrival() : view.promisedStart();
            return List.of(send(view, MessageKind.ON_THE_WAY, view.promiseKey(), view.forecastVersion(), now,
                    new Content(view.toldStart(), view.toldEnd(), arrival, view.technicianFirstName(), true, false),
                    null));
        }
        if (s.status() == VisitStatus.CANNOT_COMPLETE && CUSTOMER_NOT_HOME.equals(s.reasonCode())) {
            if (view.canceled()) {
                return List.of(new Suppress(MessageKind.NO_SHOW, Reason.APPOINTMENT_CANCELED, view.promiseKey()));
            }
            // Once per promise: a second tap, a redelivery with a new id, nothing texts twice.
            return List.of(send(view, MessageKind.NO_SHOW, view.promiseKey(), 0, now, promise(view), null));
        }
        if (notComing(s.status(), s.reasonCode(), view.visitStatus())) {
            // The day ran out before the van reached the customer, who may have been told a window, or the technician
            // cannot come (went home sick, the van broke down): say so at once. Once per promise, shared with a visit
            // a re-plan dropped from the day (the same text, the same key).
            if (view.canceled()) {
                return List.of(new Suppress(MessageKind.NOT_TODAY, Reason.APPOINTMENT_CANCELED, view.promiseKey()));
            }
            return List.of(send(view, MessageKind.NOT_TODAY, view.promiseKey(), 0, now, promise(view), null));
        }
        if (s.status() == VisitStatus.COMPLETED) {
            return List.of(send(view, MessageKind.COMPLETED, view.promiseKey(), 0, now,
                    new Content(null, null, null, view.technicianFirstName(), false, true), null));
        }
        return List.of();
    }

    /**
     * Whether a visit status says the technician will not come today: "cannot complete" before ringing at the door
     * ({@code visitStatusBefore}, the status before this one, is not ARRIVED) for any reason but the customer not
     * being home, or because the shift ran out ({@code OUT_OF_TIME}). At the door, the customer saw why.
     */
    public static boolean notComing(VisitStatus status, String reasonCode, String visitStatusBefore) {
        return status == VisitStatus.CANNOT_COMPLETE && (OUT_OF_TIME.equals(reasonCode)
                || !CUSTOMER_NOT_HOME.equals(reasonCode) && !VisitStatus.ARRIVED.name().equals(visitStatusBefore));
    }

    private Decision send(AppointmentView view, MessageKind kind, String key, int version, Instant now,
                          Content content, Window tells) {
        Medium medium;
        String recipient;
        if (view.phone() != null && view.smsOptIn() && !view.smsOptedOut()) {
            medium = Medium.SMS;
            recipient = view.phone();
        } else if (view.email() != null && view.emailOptIn()) {
            medium = Medium.EMAIL;
            recipient = view.email();
        } else {
            return new Suppress(kind, view.smsOptedOut() ? Reason.OPTED_OUT : Reason.NO_CONTACT,
                    kind.recordsSuppression() ? key : null);
        }
        Instant notBefore = kind.heldByQuietHours() ? quietHours.nextAllowed(now, view.zone()) : now;
        return new Send(kind, key, version, medium, recipient, notBefore, content, tells);
    }

    /**
     * A portal text: always by SMS to the phone it names, quiet hours aside (the person is on the page), never to a
     * number that replied STOP, and not once its code or offer has expired. A code says how many minutes it has left.
     */
    public Decision portal(PortalRequest request, boolean optedOut, Instant now) {
        MessageKind kind = request.kind();
        if (optedOut) {
            return new Suppress(kind, Reason.OPTED_OUT, request.dedupKey());
        }
        if (kind != MessageKind.WAITLIST_TAKEN && request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
            return new Suppress(kind, Reason.EXPIRED, request.dedupKey());
        }
        long minutes = request.expiresAt() == null ? 0
                : (Duration.between(now, request.expiresAt()).getSeconds() + 59) / 60;
        Content content = new Content(request.windowStart(), request.windowEnd(), null, null, false, false, null, null,
                new Decision.Portal(request.code(), minutes, request.expiresAt()));
        return new Send(kind, request.dedupKey(), 0, Medium.SMS, request.phone(), now, content, null);
    }

    private static Content promise(AppointmentView view) {
        return new Content(view.promisedStart(), view.promisedEnd(), null, view.technicianFirstName(), false, false);
    }

    private static MessageKind kindOf(Trigger trigger) {
        return switch (trigger) {
            case Booked b -> MessageKind.BOOKING_CONFIRMATION;
            case Rescheduled r -> MessageKind.RESCHEDULE_CONFIRMATION;
            case Canceled c -> MessageKind.CANCELLATION_CONFIRMATION;
            case Unassigned u -> MessageKind.NOT_TODAY;
            case ReminderDue r -> MessageKind.REMINDER;
            case Forecast f -> MessageKind.WINDOW_NARROWED;
            case StatusChanged s -> s.status() == VisitStatus.COMPLETED ? MessageKind.COMPLETED
                    : s.status() != VisitStatus.CANNOT_COMPLETE ? MessageKind.ON_THE_WAY
                    : CUSTOMER_NOT_HOME.equals(s.reasonCode()) ? MessageKind.NO_SHOW : MessageKind.NOT_TODAY;
        };
    }
}
