package io.fieldcast.notify.policy;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.notify.policy.Decision.Reason;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.Decision.Suppress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per message rule of the policy; no Quarkus, no database. */
class NotificationPolicyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Monday 2 March 2026, 10:00 in New York (UTC-5): outside quiet hours. */
    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    /** 23:30 in New York: inside quiet hours (21:00–08:00). */
    private static final Instant NIGHT = Instant.parse("2026-03-03T04:30:00Z");
    /** Promised 14:00–18:00 New York time. */
    private static final Instant PROMISED_START = Instant.parse("2026-03-02T19:00:00Z");
    private static final Instant PROMISED_END = PROMISED_START.plus(Duration.ofHours(4));
    private static final Instant NARROW_START = PROMISED_START.plus(Duration.ofHours(1));

    private final NotificationPolicy policy = new NotificationPolicy(new PolicySettings(LocalTime.of(21, 0),
            LocalTime.of(8, 0), Duration.ofMinutes(15), 2, Duration.ofMinutes(5)));

    private static AppointmentView fresh() {
        return new AppointmentView(UUID.randomUUID(), "Rosa", "+12125550100", "rosa@example.com", "en", true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, false, "Sam", null, null, 0, null, null, null, null, 0);
    }

    private static AppointmentView told(Instant start, int version, int updatesToday) {
        AppointmentView v = fresh();
        return new AppointmentView(v.appointmentId(), v.firstName(), v.phone(), v.email(), v.language(), true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, false, "Sam", null, null, version,
                start.plus(Duration.ofMinutes(30)), start, start.plus(Duration.ofHours(1)), LocalDate.of(2026, 3, 2),
                updatesToday);
    }

    private static Trigger.Forecast forecast(int version, Instant start) {
        return new Trigger.Forecast(version, start.plus(Duration.ofMinutes(30)), start, start.plus(Duration.ofHours(1)),
                MORNING);
    }

    private Send onlySend(List<Decision> decisions, MessageKind kind) {
        assertEquals(1, decisions.size(), decisions.toString());
        Send send = assertInstanceOf(Send.class, decisions.getFirst());
        assertEquals(kind, send.kind());
        return send;
    }

    private Reason onlySuppressed(List<Decision> decisions) {
        assertEquals(1, decisions.size(), decisions.toString());
        return assertInstanceOf(Suppress.class, decisions.getFirst()).reason();
    }

    @Test
    void bookingIsConfirmedWithThePromisedWindowOncePerPromise() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.Booked(MORNING), MORNING),
                MessageKind.BOOKING_CONFIRMATION);
        assertEquals(PROMISED_START, send.content().windowStart());
        assertEquals(PROMISED_END, send.content().windowEnd());
        assertEquals("p" + PROMISED_START.getEpochSecond(), send.dedupKey());
        assertEquals(Medium.SMS, send.medium());
    }

    @Test
    void rescheduleAndCancellationAreConfirmed() {
        UUID event = UUID.randomUUID();
        Send moved = onlySend(policy.decide(fresh(), new Trigger.Rescheduled(event, MORNING), MORNING),
                MessageKind.RESCHEDULE_CONFIRMATION);
        assertEquals("e" + event, moved.dedupKey());
        onlySend(policy.decide(fresh(), new Trigger.Canceled(MORNING), MORNING),
                MessageKind.CANCELLATION_CONFIRMATION);
    }

    @Test
    void reminderTheDayBeforeShowsThePromiseAndIsSkippedWhenCanceled() {
        Send reminder = onlySend(policy.decide(fresh(), new Trigger.ReminderDue(MORNING), MORNING),
                MessageKind.REMINDER);
        assertEquals(PROMISED_START, reminder.content().windowStart());
        AppointmentView v = fresh();
        AppointmentView canceled = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), null, "en", true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, true, null, null, null, 0, null, null, null, null, 0);
        assertEquals(Reason.APPOINTMENT_CANCELED,
                onlySuppressed(policy.decide(canceled, new Trigger.ReminderDue(MORNING), MORNING)));
    }

    @Test
    void firstSixtyMinuteWindowIsAnnouncedAsNarrowed() {
        Send send = onlySend(policy.decide(fresh(), forecast(1, NARROW_START), MORNING), MessageKind.WINDOW_NARROWED);
        assertEquals(NARROW_START, send.tellsWindow().start());
        assertEquals(NARROW_START.plus(Duration.ofHours(1)), send.content().windowEnd());
        assertEquals(1, send.forecastVersion());
    }

    @Test
    void windowMovingLessThanTheMaterialThresholdIsNotTexted() {
        var decisions = policy.decide(told(NARROW_START, 1, 0), forecast(2, NARROW_START.plusSeconds(14 * 60)),
                MORNING);
        assertEquals(Reason.NOT_MATERIAL, onlySuppressed(decisions));
    }

    @Test
    void materialMoveIsTextedOncePerForecastVersion() {
        Send send = onlySend(policy.decide(told(NARROW_START, 1, 0), forecast(2, NARROW_START.plusSeconds(20 * 60)),
                MORNING), MessageKind.WINDOW_UPDATED);
        assertEquals("v2", send.dedupKey());
    }

    @Test
    void updatesStopAtTheDailyLimit() {
        // Two updates already sent today (the limit is 2), so a third material move is held back.
        var decisions = policy.decide(told(NARROW_START, 3, 2), forecast(4, NARROW_START.plusSeconds(40 * 60)),
                MORNING);
        assertEquals(Reason.DAILY_UPDATE_LIMIT, onlySuppressed(decisions));
    }

    @Test
    void forecastOutsideThePromiseSendsOneDelayNotice() {
        Instant late = PROMISED_END.minusSeconds(30 * 60); // window ends 30 min after the promise
        Send delay = onlySend(policy.decide(told(NARROW_START, 1, 0), forecast(2, late), MORNING), MessageKind.DELAY);
        assertEquals(late, delay.tellsWindow().start());
        // Told late once; the next late move follows the ordinary update rules instead of a second delay notice.
        Send next = onlySend(policy.decide(told(late, 2, 0), forecast(3, late.plusSeconds(30 * 60)), MORNING),
                MessageKind.WINDOW_UPDATED);
        assertEquals("v3", next.dedupKey());
    }

    @Test
    void olderOrRepeatedForecastVersionIsIgnored() {
        assertEquals(Reason.STALE_FORECAST, onlySuppressed(policy.decide(told(NARROW_START, 3, 0),
                forecast(3, NARROW_START.plusSeconds(3600)), MORNING)));
    }

    @Test
    void enRouteSendsOnTheWayWithTechnicianArrivalAndTrackingLink() {
        Send send = onlySend(policy.decide(told(NARROW_START, 1, 0),
                new Trigger.StatusChanged(VisitStatus.EN_ROUTE, MORNING), MORNING), MessageKind.ON_THE_WAY);
        assertEquals("Sam", send.content().technicianFirstName());
        assertEquals(NARROW_START.plus(Duration.ofMinutes(30)), send.content().arrival());
        assertTrue(send.content().trackingLink());
    }

    @Test
    void forecastsAfterTheTechnicianSetOffAreNotTextedUnlessTheToldWindowIsLost() {
        AppointmentView enRoute = underWay("EN_ROUTE");
        // An earlier window, or one inside the told: "on the way" and the tracking page say more.
        assertEquals(Reason.VISIT_UNDER_WAY, onlySuppressed(policy.decide(enRoute,
                forecast(2, NARROW_START.minus(Duration.ofMinutes(20))), MORNING)));
        // Later, made before eta-service read "on the way" (a tap read late): not texted, the van is coming.
        assertEquals(Reason.VISIT_UNDER_WAY, onlySuppressed(policy.decide(enRoute,
                forecast(2, NARROW_START.plus(Duration.ofMinutes(40))), MORNING)));
        // Later because the told window was lost on the way: a delay with the new window, though the two updates of
        // the day were sent.
        Send delay = onlySend(policy.decide(enRoute, heldUp(3, NARROW_START.plus(Duration.ofMinutes(40))), MORNING),
                MessageKind.DELAY);
        assertEquals(NARROW_START.plus(Duration.ofMinutes(40)), delay.content().windowStart());
        assertEquals("v3", delay.dedupKey());
        // At the door: nothing.
        assertEquals(Reason.VISIT_UNDER_WAY, onlySuppressed(policy.decide(underWay("ARRIVED"),
                heldUp(4, NARROW_START.plus(Duration.ofMinutes(40))), MORNING)));
    }

    /** A window eta-service moved because the told one was lost on the way. */
    private static Trigger.Forecast heldUp(int version, Instant start) {
        return new Trigger.Forecast(version, start.plus(Duration.ofMinutes(30)), start, start.plus(Duration.ofHours(1)),
                MORNING, ArrivalForecast.CAUSE_HELD_UP_ON_THE_WAY, 0.9);
    }

    /** Told NARROW_START for an hour (version 1), both updates of the day sent, the technician at {@code status}. */
    private static AppointmentView underWay(String status) {
        AppointmentView v = told(NARROW_START, 1, 0);
        return new AppointmentView(v.appointmentId(), "Rosa", v.phone(), null, "en", true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, false, "Sam", null, status, 1, null, NARROW_START,
                NARROW_START.plusSeconds(3600), LocalDate.of(2026, 3, 2), 2);
    }

    @Test
    void completionSendsFeedbackLink() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.StatusChanged(VisitStatus.COMPLETED, MORNING),
                MORNING), MessageKind.COMPLETED);
        assertTrue(send.content().feedbackLink());
    }

    @Test
    void quietHoursHoldMessagesUntilMorningInTheCustomersZone() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.Booked(NIGHT), NIGHT),
                MessageKind.BOOKING_CONFIRMATION);
        // 23:30 EST on 2 March: held until 08:00 EST on 3 March = 13:00Z.
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), send.notBefore());
    }

    @Test
    void onTheWayIsSentEvenInQuietHours() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.StatusChanged(VisitStatus.EN_ROUTE, NIGHT), NIGHT),
                MessageKind.ON_THE_WAY);
        assertEquals(NIGHT, send.notBefore());
    }

    @Test
    void optedOutPhoneGetsNothingUnlessEmailIsAllowed() {
        AppointmentView v = fresh();
        AppointmentView stopped = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), "rosa@example.com", "en",
                true, false, true, NEW_YORK, PROMISED_START, PROMISED_END, false, null, null, null, 0, null, null, null,
                null, 0);
        assertEquals(Reason.OPTED_OUT, onlySuppressed(policy.decide(stopped, new Trigger.Booked(MORNING), MORNING)));
        AppointmentView email = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), "rosa@example.com", "en",
                true, true, true, NEW_YORK, PROMISED_START, PROMISED_END, false, null, null, null, 0, null, null, null,
                null, 0);
        Send send = onlySend(policy.decide(email, new Trigger.Booked(MORNING), MORNING),
                MessageKind.BOOKING_CONFIRMATION);
        assertEquals(Medium.EMAIL, send.medium());
        assertEquals("rosa@example.com", send.recipient());
    }

    @Test
    void unknownAppointmentIsNotTexted() {
        assertEquals(Reason.UNKNOWN_APPOINTMENT, onlySuppressed(policy.decide(null, forecast(1, NARROW_START),
                MORNING)));
    }

    @Test
    void customerNotHomeSendsOneNoShowTextPerPromiseHeldByQuietHours() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, MORNING,
                NotificationPolicy.CUSTOMER_NOT_HOME), MORNING), MessageKind.NO_SHOW);
        assertEquals("p" + PROMISED_START.getEpochSecond(), send.dedupKey());
        assertEquals(MORNING, send.notBefore());
        Send night = onlySend(policy.decide(fresh(), new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, NIGHT,
                NotificationPolicy.CUSTOMER_NOT_HOME), NIGHT), MessageKind.NO_SHOW);
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), night.notBefore());
        // Other reasons a visit could not be completed, with the technician at the door, are dispatch's to tell.
        assertEquals(List.of(), policy.decide(underWay("ARRIVED"), new Trigger.StatusChanged(
                VisitStatus.CANNOT_COMPLETE, MORNING, "NO_PARTS"), MORNING));
        assertEquals(List.of(), policy.decide(underWay("ARRIVED"), new Trigger.StatusChanged(
                VisitStatus.CANNOT_COMPLETE, MORNING), MORNING));
    }

    @Test
    void aShiftOverBeforeTheVisitTellsNotTodayOncePerPromise() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, MORNING,
                NotificationPolicy.OUT_OF_TIME), MORNING), MessageKind.NOT_TODAY);
        assertEquals("p" + PROMISED_START.getEpochSecond(), send.dedupKey(), "the key of a visit dropped from the day");
        assertEquals(PROMISED_START, send.content().windowStart(), "says which visit: the booked window");
        AppointmentView v = fresh();
        AppointmentView canceled = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), null, "en", true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, true, null, null, null, 0, null, null, null, null, 0);
        assertEquals(new Suppress(MessageKind.NOT_TODAY, Reason.APPOINTMENT_CANCELED, send.dedupKey()),
                policy.decide(canceled, new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, MORNING,
                        NotificationPolicy.OUT_OF_TIME), MORNING).getFirst());
    }

    @Test
    void aTechnicianWhoCannotComeTellsNotTodayButNotOnceAtTheDoor() {
        var sick = new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, MORNING, "OTHER");
        Send send = onlySend(policy.decide(fresh(), sick, MORNING), MessageKind.NOT_TODAY);
        assertEquals("p" + PROMISED_START.getEpochSecond(), send.dedupKey(), "one text with out of time, dropped");
        onlySend(policy.decide(underWay("EN_ROUTE"), sick, MORNING), MessageKind.NOT_TODAY);
        assertEquals(List.of(), policy.decide(underWay("ARRIVED"), new Trigger.StatusChanged(
                VisitStatus.CANNOT_COMPLETE, MORNING, "NO_ACCESS"), MORNING), "at the door the customer saw why");
        onlySend(policy.decide(underWay("EN_ROUTE"), new Trigger.StatusChanged(VisitStatus.CANNOT_COMPLETE, MORNING,
                NotificationPolicy.CUSTOMER_NOT_HOME), MORNING), MessageKind.NO_SHOW);
    }

    @Test
    void aVisitDroppedFromTheDayIsToldOncePerPromiseUnlessUnderWayOrCanceled() {
        Send send = onlySend(policy.decide(fresh(), new Trigger.Unassigned(MORNING), MORNING), MessageKind.NOT_TODAY);
        assertEquals("p" + PROMISED_START.getEpochSecond(), send.dedupKey(), "once per booked promise");
        assertEquals(PROMISED_START, send.content().windowStart(), "says which visit: the booked window");
        assertEquals(Reason.VISIT_UNDER_WAY, onlySuppressed(policy.decide(underWay("EN_ROUTE"),
                new Trigger.Unassigned(MORNING), MORNING)));
        AppointmentView v = fresh();
        AppointmentView canceled = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), null, "en", true, false,
                false, NEW_YORK, PROMISED_START, PROMISED_END, true, null, null, null, 0, null, null, null, null, 0);
        assertEquals(Reason.APPOINTMENT_CANCELED, onlySuppressed(policy.decide(canceled,
                new Trigger.Unassigned(MORNING), MORNING)));
    }

    @Test
    void aNoShowForAStoppedPhoneIsSuppressedWithItsKeySoItIsStillCounted() {
        AppointmentView v = fresh();
        AppointmentView stopped = new AppointmentView(v.appointmentId(), "Rosa", v.phone(), null, "en", true, false,
                true, NEW_YORK, PROMISED_START, PROMISED_END, false, null, null, null, 0, null, null, null, null, 0);
        Suppress suppress = assertInstanceOf(Suppress.class, policy.decide(stopped, new Trigger.StatusChanged(
                VisitStatus.CANNOT_COMPLETE, MORNING, NotificationPolicy.CUSTOMER_NOT_HOME), MORNING).getFirst());
        assertEquals(new Suppress(MessageKind.NO_SHOW, Reason.OPTED_OUT, "p" + PROMISED_START.getEpochSecond()),
                suppress);
        // Kinds that are not counted keep no key.
        assertEquals(new Suppress(MessageKind.BOOKING_CONFIRMATION, Reason.OPTED_OUT),
                policy.decide(stopped, new Trigger.Booked(MORNING), MORNING).getFirst());
    }

    private static PortalRequest code(Instant expiresAt) {
        return new PortalRequest(UUID.randomUUID(), MessageKind.PHONE_CODE, "+12125550100", "en", NEW_YORK, null,
                "123456", null, null, null, expiresAt);
    }

    @Test
    void aPortalCodeGoesOutAtOnceEvenAtNightSayingTheMinutesItHasLeft() {
        PortalRequest request = code(NIGHT.plus(Duration.ofMinutes(10)));
        Send send = assertInstanceOf(Send.class, policy.portal(request, false, NIGHT.plusSeconds(5)));
        assertEquals(NIGHT.plusSeconds(5), send.notBefore());
        assertEquals(Medium.SMS, send.medium());
        assertEquals("+12125550100", send.recipient());
        assertEquals("e" + request.eventId(), send.dedupKey());
        assertEquals(10, send.content().portal().validMinutes());
        assertEquals(1, assertInstanceOf(Send.class, policy.portal(request, false,
                NIGHT.plus(Duration.ofMinutes(9)).plusSeconds(30))).content().portal().validMinutes());
        assertTrue(!send.toString().contains("123456") && !request.toString().contains("123456"),
                "a decision never shows the code when logged");
    }

    @Test
    void aPortalTextIsNeverSentToAStoppedPhoneNorOnceItExpired() {
        PortalRequest request = code(MORNING.plus(Duration.ofMinutes(10)));
        assertEquals(new Suppress(MessageKind.PHONE_CODE, Reason.OPTED_OUT, request.dedupKey()),
                policy.portal(request, true, MORNING));
        assertEquals(new Suppress(MessageKind.PHONE_CODE, Reason.EXPIRED, request.dedupKey()),
                policy.portal(request, false, MORNING.plus(Duration.ofMinutes(10))));
    }
}
