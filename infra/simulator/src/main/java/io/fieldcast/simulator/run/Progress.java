package io.fieldcast.simulator.run;

import java.util.Locale;

/** A text progress bar and the running counters. */
final class Progress {

    static final int WIDTH = 24;

    private Progress() {
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    static String counts(Stats s) {
        return String.format(Locale.ROOT, "visits %d  km %.0f  pings %d (rejected %d)  taps %d (rejected %d)",
                s.visits.get(), s.meters.get() / 1000.0, s.pingsSent.get(), s.pingsRejected.get(), s.tapsSent.get(),
                s.tapsRejected.get());
    }
}
