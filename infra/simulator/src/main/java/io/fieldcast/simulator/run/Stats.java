package io.fieldcast.simulator.run;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Counters for the progress line and the final summary; shared by the technicians' threads. */
public final class Stats {

    final AtomicLong booked = new AtomicLong();
    /** Of {@link #booked}, how many customers booked on the portal. */
    final AtomicLong bookedOnline = new AtomicLong();
    final AtomicLong bookingRefused = new AtomicLong();
    final AtomicLong routes = new AtomicLong();
    final AtomicLong visits = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong meters = new AtomicLong();
    final AtomicLong pingsSent = new AtomicLong();
    final AtomicLong pingsAccepted = new AtomicLong();
    final AtomicLong pingsDuplicate = new AtomicLong();
    final AtomicLong pingsRejected = new AtomicLong();
    final AtomicLong tapsSent = new AtomicLong();
    final AtomicLong tapsRejected = new AtomicLong();
    /** The technicians' reads of the time left of a job, sent and refused (not status taps), answers included. */
    final AtomicLong timeLeftSent = new AtomicLong();
    final AtomicLong timeLeftRejected = new AtomicLong();
    /** The platform's questions of the time left, each counted when a phone first shows it (live mode). */
    final AtomicLong timeLeftAsked = new AtomicLong();
    /** Of {@link #timeLeftSent}, the answers to those questions. */
    final AtomicLong timeLeftAnswered = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    public long booked() {
        return booked.get();
    }

    public long bookedOnline() {
        return bookedOnline.get();
    }

    public long pingsAccepted() {
        return pingsAccepted.get();
    }

    public long tapsAccepted() {
        return tapsSent.get() - tapsRejected.get();
    }

    public long errors() {
        return errors.get();
    }

    public long visitsCount() {
        return visits.get();
    }

    public long pingsSent() {
        return pingsSent.get();
    }

    public long tapsRejectedCount() {
        return tapsRejected.get();
    }

    public long timeLeftSent() {
        return timeLeftSent.get();
    }

    public long timeLeftRejected() {
        return timeLeftRejected.get();
    }

    public long timeLeftAsked() {
        return timeLeftAsked.get();
    }

    public long timeLeftAnswered() {
        return timeLeftAnswered.get();
    }

    public long rejected() {
        return pingsRejected.get() + tapsRejected.get();
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "SIMULATION booked=%d booked_online=%d refused=%d routes=%d visits=%d completed=%d km=%.1f pings_sent=%d "
                        + "pings_accepted=%d duplicates=%d pings_rejected=%d taps_sent=%d taps_rejected=%d time_left_sent=%d "
                        + "time_left_rejected=%d time_left_asked=%d time_left_answered=%d errors=%d",
                booked.get(), bookedOnline.get(), bookingRefused.get(), routes.get(), visits.get(), completed.get(), meters.get() / 1000.0,
                pingsSent.get(), pingsAccepted.get(), pingsDuplicate.get(), pingsRejected.get(), tapsSent.get(),
                tapsRejected.get(), timeLeftSent.get(), timeLeftRejected.get(), timeLeftAsked.get(),
                timeLeftAnswered.get(), errors.get());
    }
}
