package io.fieldcast.simulator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
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
 * @param instances    instances of each service, behind a local balancer on the service's usual port when more than 1
 * @param portalShare  share of the customers (0–1) who book on the customer portal instead of calling in
 * @param date         the day to play: the first working day from it on that no earlier run played (null: from the
 *                     wall clock's date), so runs on different dates can be compared on the same weekday
 */
public record DemoOptions(int technicians, int days, double speed, long seed, Path osmFile, boolean untilDone,
                          int visits, int solveSeconds, int instances, double portalShare, LocalDate date) {

    static final Set<String> NAMES = Set.of("technicians", "days", "speed", "seed", "osm", "visits",
            "solve-seconds", "instances", "portal-share", "date");

    public static DemoOptions defaults() {
        return new DemoOptions(12, 10, 60, 42, null, false, 5, 15, 1, 0.3, null);
    }

    /** Parses {@code --name value} / {@code --name=value} options; a clear IllegalArgumentException for anything off. */
    public static DemoOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        boolean untilDone = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--until-done")) {
                untilDone = true;
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
            given.put(name, value);
        }
        DemoOptions d = defaults();
        return new DemoOptions(
                given.containsKey("technicians") ? positive("technicians", given.get("technicians"), 200)
                        : d.technicians,
                given.containsKey("days") ? count("days", given.get("days"), 0, 40) : d.days,
                given.containsKey("speed") ? speed(given.get("speed")) : d.speed,
                given.containsKey("seed") ? seed(given.get("seed")) : d.seed,
                given.containsKey("osm") ? osm(given.get("osm")) : d.osmFile,
                untilDone,
                given.containsKey("visits") ? positive("visits", given.get("visits"), 12) : d.visits,
                given.containsKey("solve-seconds") ? positive("solve-seconds", given.get("solve-seconds"), 600)
                        : d.solveSeconds,
                given.containsKey("instances") ? positive("instances", given.get("instances"), 4) : d.instances,
                given.containsKey("portal-share") ? share(given.get("portal-share")) : d.portalShare,
                given.containsKey("date") ? date(given.get("date")) : d.date);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be a day such as 2026-12-11, was '" + value + "'");
        }
    }

    private static double share(String value) {
        double share;
        try {
            share = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--portal-share must be a number such as 0.3 or 30%, was '" + value
                    + "'");
        }
        if (value.endsWith("%")) {
            share /= 100;
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--portal-share must be between 0 and 1 (or 0% and 100%), was "
                    + value);
        }
        return share;
    }

    private static double speed(String value) {
        double speed;
        try {
            speed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be a number, was '" + value + "'");
        }
        if (!(speed >= 1 && speed <= 5000)) {
            throw new IllegalArgumentException("--speed must be between 1 and 5000, was " + value);
        }
        return speed;
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, was '" + value + "'");
        }
    }

    private static Path osm(String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--osm: no such file " + file.toAbsolutePath());
        }
        return file.toAbsolutePath();
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
                  --date YYYY-MM-DD the day to play: the first working day from it on not played yet (today)
                  --osm FILE        a real map (.osm.pbf) instead of the synthetic city
                  --visits N        bookings per technician and day (5)
                  --solve-seconds N solver time per day (15)
                  --instances N     instances of each service (1; up to 4), each behind a local balancer on the
                                    service's usual port; instance i listens on the usual port + 1000 x i
                  --portal-share X  share of the customers who book on the customer portal (0.3, or 30%; the rest
                                    call the dispatcher); their codes come by text, read off Kafka
                  --until-done      stop by itself after the KPI summary

                A second run reuses the data: days simulated before are kept, today is the next working day that
                has no appointments yet.""";
    }
}
