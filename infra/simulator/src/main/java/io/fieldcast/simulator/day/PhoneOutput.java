package io.fieldcast.simulator.day;

import io.fieldcast.events.VisitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a simulated phone sends. {@code deviceTime} is when it happened on the phone; {@code sendAt} is when the phone
 * gets to send it (later while it is offline: it queues and replays, like the web app's outbox).
 */
public sealed interface PhoneOutput permits PhoneOutput.StatusTap, PhoneOutput.TimeLeft, PhoneOutput.Fix {

    Instant deviceTime();

    Instant sendAt();

    String clientId();

    PhoneOutput sentAt(Instant when);

    /** The visit a tap or a word of the time left is about; null for a GPS fix. */
    default UUID appointmentId() {
        return null;
    }

    /** The first batch boundary after {@code at}, batches every {@code every} on the epoch's grid (whole seconds). */
    static Instant nextBatch(Instant at, Duration every) {
        long s = Math.max(1, every.toSeconds());
        return Instant.ofEpochSecond((at.getEpochSecond() / s + 1) * s);
    }

    /** The same output sent with the batch after {@code deviceTime}, for a phone that sends every {@code every}. */
    default PhoneOutput batchedEvery(Duration every) {
        return sentAt(nextBatch(deviceTime(), every));
    }

    /** The same output sent when the offline period it happened in ends (the phone queues and replays it). */
    default PhoneOutput heldBy(List<Truth.Interval> offline) {
        Instant send = sendAt();
        for (Truth.Interval gap : offline) {
            if (!deviceTime().isBefore(gap.from()) && deviceTime().isBefore(gap.to())) {
                send = gap.to();
            }
        }
        return send.equals(sendAt()) ? this : sentAt(send);
    }

    /** A tap on a visit: EN_ROUTE, ARRIVED, COMPLETED, or CANNOT_COMPLETE with a reason code. */
    record StatusTap(UUID appointmentId, VisitStatus status, String reasonCode, String note, Instant deviceTime,
                     String clientId, Instant sendAt) implements PhoneOutput {

        @Override
        public StatusTap sentAt(Instant when) {
            return new StatusTap(appointmentId, status, reasonCode, note, deviceTime, clientId, when);
        }
    }

    /**
     * The technician's read of the job in hand: about {@code minutes} left, said at {@code deviceTime}; the answer to
     * the phone's question asked at {@code askedAt}, or said unasked when that is null.
     */
    record TimeLeft(UUID appointmentId, int minutes, Instant deviceTime, String clientId, Instant sendAt,
                    Instant askedAt) implements PhoneOutput {

        /** A word said unasked. */
        public TimeLeft(UUID appointmentId, int minutes, Instant deviceTime, String clientId, Instant sendAt) {
            this(appointmentId, minutes, deviceTime, clientId, sendAt, null);
        }

        @Override
        public TimeLeft sentAt(Instant when) {
            return new TimeLeft(appointmentId, minutes, deviceTime, clientId, when, askedAt);
        }

        /** Whether it answers the phone's question. */
        public boolean answer() {
            return askedAt != null;
        }
    }

    /** One GPS fix as the phone reports it: noisy position, accuracy radius, speed m/s and heading degrees. */
    record Fix(String clientId, Instant deviceTime, double lat, double lon, double accuracy, Double speed,
               Double heading, Instant sendAt) implements PhoneOutput {

        @Override
        public Fix sentAt(Instant when) {
            return new Fix(clientId, deviceTime, lat, lon, accuracy, speed, heading, when);
        }
    }
}
