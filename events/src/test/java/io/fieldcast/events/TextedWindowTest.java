package io.fieldcast.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for which text's window a customer was last told. */
class TextedWindowTest {

    private static final UUID APPOINTMENT = UUID.fromString("0b8f8e52-4a44-4d7c-9a3b-0d7b5a0c1e11");
    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-03-02T11:00:00Z");

    private static NotificationSent window(int version, Instant at, Instant start) {
        return new NotificationSent(Events.newId(), at, NotificationSent.SCHEMA_VERSION, APPOINTMENT,
                version == 1 ? "WINDOW_NARROWED" : "WINDOW_UPDATED", "sms", "+34*****222", null, version, start,
                start.plusSeconds(3600));
    }

    private static NotificationSent reschedule(Instant at) {
        return new NotificationSent(Events.newId(), at, NotificationSent.SCHEMA_VERSION, APPOINTMENT,
                NotificationSent.RESCHEDULE_CONFIRMATION, "sms", "+34*****222", null, 0);
    }

    @Test
    void olderNotificationSentNeverReplacesANewerOne() {
        NotificationSent newer = window(3, TEN, ELEVEN);
        NotificationSent older = window(2, NINE, TEN);
        assertTrue(newer.supersedes(older));
        assertFalse(older.supersedes(newer), "a replayed older text came after the newer one");
    }

    @Test
    void higherForecastVersionWinsEvenWhenHandedOverEarlier() {
        // Version 3 went out at 09:00, version 2 (held in quiet hours) only at 10:00: the customer's latest news is 3.
        NotificationSent v3 = window(3, NINE, ELEVEN);
        NotificationSent v2 = window(2, TEN, TEN);
        assertFalse(v2.supersedes(v3));
        assertTrue(v3.supersedes(v2));
    }

    @Test
    void sameVersionTextedAgainLaterReplacesButNotTheSameTextTwice() {
        NotificationSent first = window(2, NINE, TEN);
        NotificationSent again = window(2, TEN, TEN);
        assertTrue(again.supersedes(first));
        assertFalse(first.supersedes(again));
        assertFalse(first.supersedes(first), "a redelivery changes nothing");
    }

    @Test
    void voidAppliesOnlyWhenNotOlderThanTheToldWindow() {
        NotificationSent told = window(2, TEN, ELEVEN);
        assertTrue(reschedule(TEN).supersedes(told));
        assertTrue(reschedule(ELEVEN).supersedes(told));
        assertFalse(reschedule(NINE).supersedes(told));
    }

    @Test
    void windowTextReplacesAVoidOnlyWhenTextedAfterIt() {
        NotificationSent voided = reschedule(TEN);
        assertTrue(window(1, ELEVEN, ELEVEN).supersedes(voided));
        assertFalse(window(5, NINE, ELEVEN).supersedes(voided), "a replay from before the reschedule");
    }

    @Test
    void anythingReplacesNothingButTextsThatTellNoWindow() {
        assertTrue(window(1, NINE, TEN).supersedes(null));
        assertTrue(reschedule(NINE).supersedes(null));
        NotificationSent onTheWay = new NotificationSent(Events.newId(), TEN, 1, APPOINTMENT, "ON_THE_WAY", "sms",
                "+34*****222", null, 0);
        assertFalse(onTheWay.supersedes(null));
        assertNull(TextedWindow.of(onTheWay));
    }

    @Test
    void textedWindowKeepsWhatTheTextSaid() {
        TextedWindow t = TextedWindow.of(window(2, NINE, TEN));
        assertEquals(TEN, t.start());
        assertEquals(ELEVEN, t.end());
        assertEquals(2, t.forecastVersion());
        assertEquals(NINE, t.textedAt());
        assertFalse(t.voided());
        assertTrue(TextedWindow.of(reschedule(NINE)).voided());
    }
}
