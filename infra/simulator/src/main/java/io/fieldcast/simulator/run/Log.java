package io.fieldcast.simulator.run;

/** Progress on stdout, problems on stderr; details only with --verbose. */
public final class Log {

    private static volatile boolean verbose;

    private Log() {
    }

    public static void verbose(boolean on) {
        verbose = on;
    }

    public static void info(String line) {
        System.out.println(line);
    }

    public static void warn(String line) {
        System.err.println("simulate: " + line);
    }

    public static void debug(String line) {
        if (verbose) {
            System.err.println("  " + line);
        }
    }
}
