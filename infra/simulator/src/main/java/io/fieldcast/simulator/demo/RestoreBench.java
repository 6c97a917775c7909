package io.fieldcast.simulator.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./fieldcast bench restore}, in two runs on two runtimes:
 * <ol>
 *   <li>{@code day}: the demo day on a fresh runtime; when 40 % of today has been played, the bookings and the texts
 *       sent so far are noted and {@code ./fieldcast backup} is taken while the services keep working;</li>
 *   <li>(the script: {@code ./fieldcast restore} into an empty runtime)</li>
 *   <li>{@code next-day}: on the restored runtime, every noted booking and text is looked for, then the demo starts the
 *       services on it and plays the next working day; the texts are checked for duplicates. Final line
 *       {@code BENCH restore …}.</li>
 * </ol>
 */
public final class RestoreBench {

    static final String NOTED = "noted-at-backup.properties";
    private static final String APPOINTMENTS = "select id::text from dispatch.appointment";
    private static final String TEXTS = "select id::text from notify.notification where handed_at is not null";

    private RestoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !Set.of("day", "next-day").contains(args[0])) {
            System.err.println("usage: RestoreBench day|next-day <backup directory> [demo options]");
            System.exit(2);
        }
        Path backup = Path.of(args[1]).toAbsolutePath();
        List<String> demoArgs = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        demoArgs.add("--until-done");
        DemoOptions options = DemoOptions.parse(demoArgs.toArray(String[]::new));
        if (args[0].equals("day")) {
            day(options, backup);
        } else {
            nextDay(options, backup);
        }
        System.exit(0);
    }

    private static void day(DemoOptions options, Path backup) throws Exception {
        Duration day = Duration.ofMillis((long) (10.5 * 3_600_000 / options.speed()));
        MidDayBackup hook = new MidDayBackup(day.multipliedBy(4).dividedBy(10), backup, System.out);
        try (Demo demo = Demo.fromEnvironment(options, Demo.Ports.free(), System.out).duringTheDay(hook)) {
            demo.run();
        }
        if (hook.failure != null) {
            throw new IllegalStateException("the mid-day backup failed: " + hook.failure, hook.failure);
        }
        System.out.printf(Locale.ROOT, "RESTORE-DAY backup_s=%.1f bookings_noted=%d texts_noted=%d%n",
                hook.seconds, hook.bookings, hook.texts);
    }

    private static void nextDay(DemoOptions options, Path backup) throws Exception {
        Properties noted = new Properties();
        try (Reader in = Files.newBufferedReader(backup.resolveSibling(NOTED), StandardCharsets.UTF_8)) {
            noted.load(in);
        }
        Map<String, String> env = Demo.runtimeEnvironment();
        Set<String> bookings = ids(noted.getProperty("appointments"));
        Set<String> texts = ids(noted.getProperty("texts"));
        long bookingsLost;
        long textsLost;
        try (Connection db = ClusterChecks.connect(env)) {
            bookingsLost = missing(db, APPOINTMENTS, bookings);
            textsLost = missing(db, TEXTS, texts);
        }
        System.out.printf(Locale.ROOT, "restored: %d of %d bookings and %d of %d sent texts noted at the backup%n",
                bookings.size() - bookingsLost, bookings.size(), texts.size() - textsLost, texts.size());
        Kpis kpis;
        try (Demo demo = Demo.fromEnvironment(options, Demo.Ports.free(), System.out)) {
            kpis = demo.run();
        }
        long duplicates;
        try (Connection db = ClusterChecks.connect(env)) {
            duplicates = ClusterChecks.count(db, ClusterChecks.DUPLICATE_TEXTS);
        }
        System.out.printf(Locale.ROOT, "BENCH restore bookings_noted=%d bookings_lost=%d texts_noted=%d texts_lost=%d "
                        + "duplicate_texts=%d next_day=%s next_day_visits=%d next_day_completed=%d next_day_told=%d%n",
                bookings.size(), bookingsLost, texts.size(), textsLost, duplicates, kpis.date(), kpis.visits(),
                kpis.completed(), kpis.told());
    }

    private static Set<String> ids(String joined) {
        return joined == null || joined.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(joined.split(",")));
    }

    private static Set<String> query(Connection db, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static long missing(Connection db, String sql, Set<String> expected) throws SQLException {
        Set<String> present = query(db, sql);
        return expected.stream().filter(id -> !present.contains(id)).count();
    }

    /** Notes what was booked and sent, then takes {@code ./fieldcast backup}, {@code after} into the played day. */
    static final class MidDayBackup implements Demo.DayHook {

        private final Duration after;
        private final Path backup;
        private final PrintStream out;
        private volatile Thread thread;
        private volatile boolean stopped;
        volatile Exception failure;
        volatile double seconds;
        volatile int bookings;
        volatile int texts;

        MidDayBackup(Duration after, Path backup, PrintStream out) {
            this.after = after;
            this.backup = backup;
            this.out = out;
        }

        @Override
        public void start(Demo demo) {
            thread = Thread.ofPlatform().daemon().name("mid-day-backup").start(() -> {
                try {
                    if (demo.awaitTheDay(() -> stopped)) {
                        Thread.sleep(after.toMillis());
                        if (!stopped) {
                            backUp(demo);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure = e;
                }
            });
        }

        private void backUp(Demo demo) throws Exception {
            Properties noted = new Properties();
            try (Connection db = ClusterChecks.connect(Demo.runtimeEnvironment())) {
                Set<String> appointments = query(db, APPOINTMENTS);
                Set<String> sent = query(db, TEXTS);
                noted.setProperty("appointments", String.join(",", appointments));
                noted.setProperty("texts", String.join(",", sent));
                bookings = appointments.size();
                texts = sent.size();
            }
            Files.createDirectories(backup.getParent());
            try (Writer w = Files.newBufferedWriter(backup.resolveSibling(NOTED), StandardCharsets.UTF_8)) {
                noted.store(w, "bookings and texts sent before the backup began");
            }
            out.printf(Locale.ROOT, "  mid-day: %d bookings and %d texts sent so far; ./fieldcast backup %s%n",
                    bookings, texts, backup);
            long t0 = System.nanoTime();
            Path root = Path.of(System.getenv().getOrDefault("FIELDCAST_ROOT", ".")).toAbsolutePath();
            Process p = new ProcessBuilder(root.resolve("fieldcast").toString(), "backup", backup.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("./fieldcast backup failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                        + ")");
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }

        @Override
        public void stop() {
            stopped = true;
            Thread t = thread;
            if (t != null) {
                try {
                    t.join(Duration.ofMinutes(10)); // a backup under way finishes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
