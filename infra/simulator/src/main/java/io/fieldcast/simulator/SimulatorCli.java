package io.fieldcast.simulator;

import io.fieldcast.simulator.run.History;
import io.fieldcast.simulator.run.Live;
import io.fieldcast.simulator.run.Load;
import io.fieldcast.simulator.run.Log;
import io.fieldcast.simulator.run.Settings;
import io.fieldcast.simulator.run.Simulation;
import io.fieldcast.simulator.run.Stats;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code ./fieldcast simulate history|live|load [options]}; prints progress and a final SIMULATION line. */
public final class SimulatorCli {

    static final Set<String> FLAGS = Set.of("verbose");
    static final Set<String> OPTIONS = Set.of("days", "speed", "date", "technicians", "seed", "osm", "dispatch",
            "mobile", "user", "password", "device-secret", "territory", "visits", "solve-seconds", "route-wait",
            "truth", "threads", "seconds", "ids", "graph-cache");

    private SimulatorCli() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            Log.warn(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
            usage();
            return 0;
        }
        String mode = args[0];
        if (!Set.of("history", "live", "load").contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; history, live or load");
        }
        Map<String, String> o = parse(args);
        Log.verbose(o.containsKey("verbose"));
        Settings settings = settings(o, mode);
        try (Simulation sim = new Simulation(settings)) {
            Stats stats = switch (mode) {
                case "history" -> new History(sim).run(intOf(o, "days", 5));
                case "live" -> new Live(sim).run(o.containsKey("date") ? LocalDate.parse(o.get("date")) : null,
                        Double.parseDouble(o.getOrDefault("speed", "60")));
                case "load" -> new Load(sim).run(intOf(o, "technicians", 30), o.getOrDefault("ids", "tech-%02d"),
                        intOf(o, "seconds", 120));
                default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; history, live or load");
            };
            Log.info("truth: " + settings.truthFile());
            Log.info(stats.summary());
            return stats.errors() > 0 ? 1 : 0;
        }
    }

    static Settings settings(Map<String, String> o, String mode) {
        String home = env("FIELDCAST_HOME", ".fieldcast");
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        return new Settings(
                o.getOrDefault("dispatch", env("FIELDCAST_DISPATCH_URL", "http://localhost:8081")),
                o.getOrDefault("mobile", env("FIELDCAST_MOBILE_URL", "http://localhost:8083")),
                o.getOrDefault("user", env("FIELDCAST_SIM_USER", "root")),
                o.getOrDefault("password", env("FIELDCAST_SIM_PASSWORD", "secret")),
                o.getOrDefault("device-secret", env("FIELDCAST_SIM_DEVICE_SECRET", "sim-secret")),
                seed,
                o.containsKey("osm") ? Path.of(o.get("osm")) : null,
                Path.of(o.getOrDefault("graph-cache", home + "/graph")),
                o.get("territory"),
                "load".equals(mode) ? 0 : intOf(o, "technicians", 0),
                intOf(o, "visits", 5),
                intOf(o, "solve-seconds", 10),
                intOf(o, "route-wait", 30),
                Path.of(o.getOrDefault("truth", home + "/sim/truth-" + mode + "-" + seed + ".jsonl")),
                intOf(o, "threads", 4));
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                o.put(name, "true");
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (./fieldcast simulate help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            o.put(name, value);
        }
        return o;
    }

    private static int intOf(Map<String, String> o, String name, int fallback) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void usage() {
        System.out.println("""
                Usage: ./fieldcast simulate <mode> [options]

                  history --days N        the N last working days before today, booked, planned, published and
                                          worked through the APIs as fast as they answer (default 5)
                  live --speed X          one day (today, or --date) on a clock X times faster than real (default 60)
                  load --technicians N    N phones driving in real time for --seconds S (default 30, 120 s);
                                          technician ids from --ids (default tech-%02d)

                Options: --seed S (42)  --technicians N (all of the territory)  --visits N per technician and day (5)
                  --osm FILE (synthetic city)  --territory ID (first)  --solve-seconds N (10)  --threads N (4)
                  --dispatch URL (http://localhost:8081)  --mobile URL (http://localhost:8083)
                  --user / --password (dispatcher with admin, root/secret)  --device-secret S (sim-secret)
                  --truth FILE ($FIELDCAST_HOME/sim/truth-<mode>-<seed>.jsonl)  --verbose

                The services must run and know the simulator's credentials, e.g.
                  dispatch-service: FIELDCAST_DEMO_CREDENTIALS=true FIELDCAST_SEED_USERS=root:secret:admin+dispatcher
                                    FIELDCAST_SEED_COMPANY=classpath:seed/demo-company.json
                                    FIELDCAST_BOOKING_MIN_LEAD_TIME=-P30D   (history books days in the past)
                  tech-mobile-api:  FIELDCAST_DEMO_CREDENTIALS=true FIELDCAST_SEED_DEVICES=tech-01:sim-secret,tech-02:sim-secret,...
                See infra/simulator/README.md.""");
    }
}
