package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.PhoneOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends a phone's outputs through tech-mobile-api in order: fixes are queued and sent in batches (at most 500),
 * the queue is flushed before each tap so the platform sees taps and positions in the order they happened.
 */
final class Sender {

    /** What one technician-day sent. */
    record Sent(long fixes, long fixesAccepted, long fixesRejected, long taps, long tapsRejected) {
    }

    private final MobileClient phone;
    private final Stats stats;
    private final boolean sendTaps;
    private final List<PhoneOutput.Fix> queue = new ArrayList<>();
    private long fixes;
    private long fixesAccepted;
    private long fixesRejected;
    private long taps;
    private long tapsRejected;

    Sender(MobileClient phone, Stats stats, boolean sendTaps) {
        this.phone = phone;
        this.stats = stats;
        this.sendTaps = sendTaps;
    }

    void send(PhoneOutput output) {
        switch (output) {
            case PhoneOutput.Fix fix -> {
                queue.add(fix);
                if (queue.size() >= MobileClient.MAX_BATCH) {
                    flush();
                }
            }
            case PhoneOutput.StatusTap tap -> {
                if (!sendTaps) {
                    return;
                }
                flush();
                MobileClient.Sent sent = phone.tap(tap);
                taps++;
                stats.tapsSent.incrementAndGet();
                if (sent.rejected() > 0) {
                    tapsRejected++;
                    stats.tapsRejected.incrementAndGet();
                    Log.debug(phone.technicianId() + " tap " + tap.status() + " rejected: " + sent.reasons());
                }
            }
            case PhoneOutput.TimeLeft said -> {
                if (!sendTaps) {
                    return;
                }
                flush();
                // Not a status tap: the day's counts of taps stay those of the visits' statuses.
                MobileClient.Sent sent = phone.timeLeft(said);
                stats.timeLeftSent.incrementAndGet();
                if (said.answer()) {
                    stats.timeLeftAnswered.incrementAndGet();
                }
                if (sent.rejected() > 0) {
                    stats.timeLeftRejected.incrementAndGet();
                    Log.debug(phone.technicianId() + " time left rejected: " + sent.reasons());
                }
            }
        }
    }

    void flush() {
        if (queue.isEmpty()) {
            return;
        }
        MobileClient.Sent sent = phone.pings(List.copyOf(queue));
        fixes += queue.size();
        fixesAccepted += sent.accepted() + sent.duplicates();
        fixesRejected += sent.rejected();
        stats.pingsSent.addAndGet(queue.size());
        stats.pingsAccepted.addAndGet(sent.accepted());
        stats.pingsDuplicate.addAndGet(sent.duplicates());
        stats.pingsRejected.addAndGet(sent.rejected());
        if (sent.rejected() > 0) {
            Log.debug(phone.technicianId() + " " + sent.rejected() + " pings rejected: "
                    + sent.reasons().stream().distinct().limit(3).toList());
        }
        queue.clear();
    }

    Sent sent() {
        return new Sent(fixes, fixesAccepted, fixesRejected, taps, tapsRejected);
    }
}
