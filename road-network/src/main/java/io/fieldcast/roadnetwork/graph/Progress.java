package io.fieldcast.roadnetwork.graph;

import java.util.Locale;

/**
 * Progress of long work (import, city generation, matrices) on stderr, so it never mixes with a command's results
 * on stdout. Silenced with {@code -Dfieldcast.quiet=true}.
 */
public final class Progress {

    private static final boolean QUIET = Boolean.getBoolean("fieldcast.quiet");

    private Progress() {
    }

    public static void log(String format, Object... args) {
        if (!QUIET) {
            System.err.println(String.format(Locale.ROOT, format, args));
        }
    }
}
