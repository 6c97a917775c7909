package io.fieldcast.simulator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code ./fieldcast demo} options.
 *
 * @param technicians  technicians simulated (the rest of the demo company is marked absent)
 * @param days         working days of history before today
 * @param speed        today's clock, times faster than real
 * @param seed         habits, customers and days
 * @param osmFile      a real map instead of the synthetic city (null)
 * @param untilDone    stop after the KPI summary instead of running on for people to look around
 * @param visits       bookings per technician and day
 * @param solveSeconds solver time per day
 */
public record DemoOptions(int technicians, int days, double speed, long seed, Path osmFile, boolean untilDone,
                          int visits, int solveSeconds) {

    static final Set<String> NAMES = Set.of("technicians", "days", "speed", "seed", "osm", "visits",
            "solve-seconds");

    public static DemoOptions defaults() {
        return new DemoOptions(12, 10, 60, 42, null, false, 5, 15);
    }

    /** Parses {@code --name value} / {@code --name=value} options; a clear IllegalArgumentException for anything off. */
    public static DemoOptions parse(String... args) {
        DemoOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--until-done")) {
                o = new DemoOptions(o.technicians, o.days, o.speed, o.seed, o.osmFile, true, o.visits, o.solveSeconds);
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (./fieldcast demo --help)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (./fieldcast demo --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            o = with(o, name, value);
        }
        return o;
    }

    private static DemoOptions with(DemoOptions o, String name, String value) {
        return switch (name) {
            case "technicians" -> new DemoOptions(positive(name, value, 200), o.days, o.speed, o.seed, o.osmFile,
                    o.untilDone, o.visits, o.solveSeconds);
            case "days" -> new DemoOptions(o.technicians, count(name, value, 0, 40), o.speed, o.seed, o.osmFile,
                    o.untilDone, o.visits, o.solveSeconds);
            case "speed" -> {
                double speed;
                try {
                    speed = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--speed must be a number, was '" + value + "'");
                }
                if (!(speed >= 1 && speed <= 5000)) {
                    throw new IllegalArgumentException("--speed must be between 1 and 5000, was " + value);
                }
                yield new DemoOptions(o.technicians, o.days, speed, o.seed, o.osmFile, o.untilDone, o.visits,
                        o.solveSeconds);
            }
            case "seed" -> {
                try {
                    yield new DemoOptions(o.technicians, o.days, o.speed, Long.parseLong(value), o.osmFile,
                            o.untilDone, o.visits, o.solveSeconds);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seed must be a whole number, was '" + value + "'");
                }
            }
            case "osm" -> {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--osm: no such file " + file.toAbsolutePath());
                }
                yield new DemoOptions(o.technicians, o.days, o.speed, o.seed, file.toAbsolutePath(), o.untilDone,
                        o.visits, o.solveSeconds);
            }
            case "visits" -> new DemoOptions(o.technicians, o.days, o.speed, o.seed, o.osmFile, o.untilDone,
                    positive(name, value, 12), o.solveSeconds);
            case "solve-seconds" -> new DemoOptions(o.technicians, o.days, o.speed, o.seed, o.osmFile, o.untilDone,
                    o.visits, positive(name, value, 600));
            default -> throw new IllegalArgumentException("unknown option --" + name);
        };
    }

    private static int positive(String name, String value, int max) {
        return count(name, value, 1, max);
    }

    private static int count(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    static String usage() {
        return """
                Usage: ./fieldcast demo [options]

                Starts PostgreSQL, Kafka and the four services, loads the demo company, simulates the working days
                before today so eta-service has history to learn from, trains, plans today and plays it through the
                real APIs on a clock --speed times faster than real. Prints the URLs and credentials first, progress
                while it works, and a KPI summary when the day is over; then keeps running until Ctrl-C.

                  --technicians N   technicians simulated (12; the demo company has 24)
                  --days N          working days of history (10, two weeks; 0 = none)
                  --speed X         today's clock speed (60: a 10-hour day in 10 minutes)
                  --seed S          habits, customers and days (42)
                  --osm FILE        a real map (.osm.pbf) instead of the synthetic city
                  --visits N        bookings per technician and day (5)
                  --solve-seconds N solver time per day (15)
                  --until-done      stop by itself after the KPI summary

                A second run reuses the data: days simulated before are kept, today is the next working day that
                has no appointments yet.""";
    }
}
