package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.gateway.Gateway;
import io.fieldcast.gateway.Routes;
import io.fieldcast.platform.launcher.ServiceGroup;
import io.fieldcast.platform.launcher.ServiceProcess;
import io.fieldcast.platform.time.SharedClock;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.Json;
import io.fieldcast.simulator.run.History;
import io.fieldcast.simulator.run.Live;
import io.fieldcast.simulator.run.Settings;
import io.fieldcast.simulator.run.Simulation;
import io.fieldcast.simulator.run.Stats;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * {@code ./fieldcast demo}: the four services on the local runtime, the demo company, weeks of simulated history,
 * a training run, today planned and played at speed through the real APIs, and a KPI summary. Every service and the
 * simulator run on one {@link SharedClock}: wall time while the services start, then today's early morning while
 * history is simulated and the day is booked and planned, then today at {@code --speed}.
 */
public final class Demo implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "fieldcast-admin";
    public static final String DISPATCHER = "dispatcher";
    public static final String DISPATCHER_PASSWORD = "fieldcast";
    public static final String DEVICE_SECRET = "fieldcast";
    /** The simulated morning while history runs and today is booked and planned (before the first shift). */
    static final LocalTime MORNING = LocalTime.of(6, 0);

    /** Where the services listen; 0 = any free port (tests). */
    /** The services' ports, and the one front door's ({@code gateway}) in front of them. */
    public record Ports(int dispatch, int eta, int mobile, int customerNotify, int gateway) {
        public static Ports standard() {
            return new Ports(8081, 8082, 8083, 8084, 8080);
        }

        public static Ports free() {
            return new Ports(0, 0, 0, 0, 0);
        }
    }

    private final DemoOptions options;
    private final Path repo;
    private final Path home;
    private final Map<String, String> runtimeEnv;
    private final Ports ports;
    private final PrintStream out;
    private final Path clockFile;
    private final List<ServiceGroup> services = new ArrayList<>();
    private ServiceGroup dispatch;
    private Gateway gateway;
    private ServiceGroup eta;
    private ServiceGroup mobile;
    private ServiceGroup notifier;
    private Stats stats;
    private String territoryId;
    /** Something to run beside today while it is played (the chaos of {@code bench chaos}); null for none. */
    private DayHook duringTheDay;
    private volatile SharedClock.Anchor beforeTheDay;
    private DispatchClient dispatcherClient;

    /**
     * @param repo       the checkout (service jars under its modules' target/quarkus-app)
     * @param home       FIELDCAST_HOME: logs, the graph cache, the clock, the truth files
     * @param runtimeEnv how the services reach PostgreSQL, Kafka and the signing keys (runtime.env's variables)
     */
    public Demo(DemoOptions options, Path repo, Path home, Map<String, String> runtimeEnv, Ports ports,
                PrintStream out) {
        this.options = options;
        this.repo = repo;
        this.home = home;
        this.runtimeEnv = Map.copyOf(runtimeEnv);
        this.ports = ports;
        this.out = out;
        this.clockFile = home.resolve("run/demo-clock.properties");
    }

    /**
     * A demo as {@code ./fieldcast} sets it up: the checkout at FIELDCAST_ROOT, its home at FIELDCAST_HOME, and every
     * FIELDCAST_ variable (runtime.env's addresses and keys) passed on to the services.
     */
    static Demo fromEnvironment(DemoOptions options, Ports ports, PrintStream out) {
        Path repo = Path.of(env("FIELDCAST_ROOT", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env("FIELDCAST_HOME", repo.resolve(".fieldcast").toString())).toAbsolutePath();
        return new Demo(options, repo, home, runtimeEnvironment(), ports, out);
    }

    /** The FIELDCAST_ variables of this process. */
    static Map<String, String> runtimeEnvironment() {
        return System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("FIELDCAST_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public static void main(String[] args) {
        if (args.length > 0 && Set.of("help", "-h", "--help").contains(args[0])) {
            System.out.println(DemoOptions.usage());
            return;
        }
        boolean checkOnly = args.length > 0 && args[0].equals("--check-options");
        DemoOptions options;
        try {
            options = DemoOptions.parse(checkOnly ? Arrays.copyOfRange(args, 1, args.length) : args);
            if (checkOnly) {
                return; // ./fieldcast checks the options before it starts PostgreSQL and Kafka
            }
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        Demo demo = fromEnvironment(options, Ports.standard(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("demo: stopping the services…");
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        int status;
        try {
            Kpis kpis = demo.run();
            status = kpis.visits() > 0 ? 0 : 1;
            if (!options.untilDone()) {
                System.out.println("\nStill running so you can look around (the clock now runs at 1x). Ctrl-C stops "
                        + "everything.");
                stopped.await();
                return;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("demo: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Prepares and plays the day; returns its KPIs. The services keep running until {@link #close()}. */
    public Kpis run() throws Exception {
        long t0 = System.nanoTime();
        DemoCompany company = DemoCompany.load(repo);
        checkSameMap();
        SharedClock.write(clockFile, Clock.systemUTC().instant(), 1, Clock.systemUTC());
        SharedClock clock = SharedClock.of(clockFile);
        Path truth = home.resolve("demo/truth.jsonl");
        step("1/6", "road network" + (options.osmFile() == null ? " (synthetic city)" : " " + options.osmFile()));
        DispatchClient dispatcher;
        DispatchClient.Territory territory;
        LocalDate today;
        try (Simulation sim = new Simulation(settings(company, truth), clock, true)) {
            step("2/6", "starting dispatch-service, eta-service, tech-mobile-api and customer-notify");
            startServices(company);
            printUrls();
            sim.retarget(dispatch.url(), mobile.url());
            String kafka = runtimeEnv.get("FIELDCAST_KAFKA_BOOTSTRAP");
            if (options.portalShare() > 0 && kafka != null && !kafka.isBlank()) {
                sim.bookOnline(options.portalShare(), kafka);
            }

            dispatcher = new DispatchClient(new HttpApi(HttpClient.newHttpClient(), dispatch.url()));
            dispatcher.login(ADMIN, ADMIN_PASSWORD);
            dispatcherClient = dispatcher;
            territory = dispatcher.territories().getFirst();
            territoryId = territory.id();
            stats = sim.stats();
            ZoneId zone = ZoneId.of(territory.timeZone());
            today = today(dispatcher, territory, zone);
            SharedClock.write(clockFile, today.atTime(MORNING).atZone(zone).toInstant(), 1, Clock.systemUTC());
            out.println("  today is " + today + " (" + today.getDayOfWeek().toString().toLowerCase(Locale.ROOT)
                    + ") in " + zone + "; the clock stands at " + MORNING + " until the day starts");

            step("3/6", options.days() + " working days of history before " + today);
            if (options.days() > 0) {
                new History(sim).run(options.days(), today, true);
            }
            step("4/6", "training eta-service on the history");
            train(dispatcher.bearer());

            step("5/6", "booking, planning and playing " + today + " at " + fmt(options.speed()) + "x");
            TrackingLinkWatch watch = new TrackingLinkWatch(notifier.url(), dispatcher, today, zone, out);
            watch.start();
            if (duringTheDay != null) {
                beforeTheDay = SharedClock.read(clockFile);
                duringTheDay.start(this);
            }
            try {
                new Live(sim).run(today, options.speed());
                out.printf(Locale.ROOT, "  customers booked %d visits in all, %d of them on the booking page%n",
                        stats.booked(), stats.bookedOnline());
            } finally {
                if (duringTheDay != null) {
                    duringTheDay.stop();
                }
                watch.stop();
                SharedClock.write(clockFile, clock.instant(), 1, Clock.systemUTC());
            }
        }
        // The simulation is closed: its truth file is complete.
        step("6/6", "KPI summary of " + today);
        Kpis kpis = Kpis.measure(dispatcher, new HttpApi(HttpClient.newHttpClient(), notifier.url()),
                new HttpApi(HttpClient.newHttpClient(), eta.url()), territory, today, truth);
        kpis.print(out);
        out.printf(Locale.ROOT, "demo: done in %.1f min%n", (System.nanoTime() - t0) / 60e9);
        return kpis;
    }

    /**
     * The demo company is seeded on the map of the first run (homes, customers, territory centre); a later run on
     * another map would send people across the sea. Remembered in $FIELDCAST_HOME/demo/map.
     */
    private void checkSameMap() throws IOException {
        String map = options.osmFile() == null ? "synthetic city" : options.osmFile().toString();
        Path marker = home.resolve("demo/map");
        if (Files.exists(marker)) {
            String before = Files.readString(marker).strip();
            if (!before.equals(map)) {
                throw new IllegalStateException("the demo data under " + home + " was made on " + before + ", not "
                        + map + ". Start over (./fieldcast down && rm -rf " + home + ") or give this map a home of "
                        + "its own (FIELDCAST_HOME=" + home + "-other ./fieldcast demo …)");
            }
            return;
        }
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, map + "\n");
    }

    private Settings settings(DemoCompany company, Path truth) {
        int technicians = Math.min(options.technicians(), company.technicianIds().size());
        return new Settings("http://127.0.0.1:1", "http://127.0.0.1:1", ADMIN, ADMIN_PASSWORD, DEVICE_SECRET,
                options.seed(), options.osmFile(), graphCache(), company.territoryId(), technicians,
                options.visits(), options.solveSeconds(), 60, truth, 4);
    }

    /** Where road graphs are cached: FIELDCAST_ROAD_CACHE_DIR, else $FIELDCAST_HOME/graph (shared with ./fieldcast). */
    private Path graphCache() {
        String dir = runtimeEnv.get("FIELDCAST_ROAD_CACHE_DIR");
        return dir == null || dir.isBlank() ? home.resolve("graph") : Path.of(dir).toAbsolutePath();
    }

    /** The first working day from --date (else today, the wall clock's date) on that no earlier run has booked. */
    private LocalDate today(DispatchClient dispatcher, DispatchClient.Territory territory, ZoneId zone) {
        List<DispatchClient.Technician> technicians = dispatcher.technicians(territory.id());
        LocalDate day = options.date() != null ? options.date() : LocalDate.now(Clock.systemUTC().withZone(zone));
        for (int guard = 0; guard < 400; guard++, day = day.plusDays(1)) {
            String weekday = day.getDayOfWeek().name();
            boolean working = technicians.stream().anyMatch(t -> t.weeklyShifts().containsKey(weekday));
            if (!working) {
                continue;
            }
            long booked = dispatcher.appointmentCount(territory.id(), day);
            if (booked == 0) {
                return day;
            }
            out.println("  " + day + " was played by an earlier run (" + booked + " appointments); taking the next "
                    + "working day");
        }
        throw new IllegalStateException("no free working day within 400 days: remove " + home + " to start over");
    }

    private void startServices(DemoCompany company) throws Exception {
        if (ports.gateway() != 0 && ServiceProcess.answers(ports.gateway())) {
            throw new IllegalStateException("port " + ports.gateway() + " already answers: an earlier demo is still "
                    + "running; stop it first");
        }
        for (int service : List.of(ports.dispatch(), ports.eta(), ports.mobile(), ports.customerNotify())) {
            for (int i = 0; i <= (options.instances() > 1 ? options.instances() : 0); i++) {
                int port = service + 1000 * i;
                if (service != 0 && ServiceProcess.answers(port)) {
                    throw new IllegalStateException("port " + port + " already answers: an earlier demo or service is "
                            + "still running; stop it first");
                }
            }
        }
        Map<String, String> common = new LinkedHashMap<>(runtimeEnv);
        common.put("FIELDCAST_CLOCK_FILE", clockFile.toString());
        // The demo listens on this machine only: its API documents and Swagger UI are open to it (elsewhere they
        // need a console or integration token).
        common.putIfAbsent("FIELDCAST_API_DOCS", "permit");
        // Its users and phones have the demo's well-known secrets: allowed on 127.0.0.1 only, and marked as seeded.
        common.put("FIELDCAST_DEMO_CREDENTIALS", "true");
        common.put("FIELDCAST_ROAD_CACHE_DIR", graphCache().toString());
        if (options.osmFile() != null) {
            common.put("FIELDCAST_ROAD_OSM_FILE", options.osmFile().toString());
        }
        Path logs = home.resolve("logs");
        // The one front door first: its address is in the texts' links, and the services are started behind it.
        gateway = Gateway.start(ports.gateway(), this::serviceUrl);
        String door = "http://localhost:" + gateway.port();
        common.put("FIELDCAST_NOTIFY_PUBLIC_URL", door);
        common.put("FIELDCAST_PORTAL_PUBLIC_URL", door);
        common.put("FIELDCAST_MOBILE_PUBLIC_URL", door);
        common.put("FIELDCAST_NOTIFY_BOOKING_URL", door + "/book/");
        // Behind the gateway the browser's address comes as X-Forwarded-For, from this machine only.
        common.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        common.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        common.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");

        Map<String, String> dispatchEnv = new LinkedHashMap<>(common);
        dispatchEnv.put("FIELDCAST_SEED_USERS", ADMIN + ":" + ADMIN_PASSWORD + ":admin+dispatcher," + DISPATCHER + ":"
                + DISPATCHER_PASSWORD + ":dispatcher");
        dispatchEnv.put("FIELDCAST_SEED_COMPANY", "classpath:seed/demo-company.json");
        // History books days that have passed, through the same API and capacity checks as any booking.
        dispatchEnv.put("FIELDCAST_BOOKING_MIN_LEAD_TIME", "-P" + (options.days() * 2 + 30) + "D");
        Map<String, String> etaEnv = new LinkedHashMap<>(common);
        etaEnv.put("FIELDCAST_ETA_ZONE", company.timeZone());
        Map<String, String> mobileEnv = new LinkedHashMap<>(common);
        mobileEnv.put("FIELDCAST_SEED_DEVICES", company.technicianIds().stream().map(id -> id + ":" + DEVICE_SECRET)
                .collect(Collectors.joining(",")));
        mobileEnv.put("FIELDCAST_MOBILE_ZONE", company.timeZone());
        mobileEnv.put("FIELDCAST_MOBILE_INGEST_MAX_AGE", "P" + (options.days() * 2 + 30) + "D");
        Map<String, String> notifyEnv = new LinkedHashMap<>(common);

        long t0 = System.nanoTime();
        dispatch = start("dispatch-service", "FIELDCAST_DISPATCH_PORT", ports.dispatch(), "2g", dispatchEnv, logs);
        eta = start("eta-service", "FIELDCAST_ETA_PORT", ports.eta(), "2g", etaEnv, logs);
        mobile = start("tech-mobile-api", "FIELDCAST_MOBILE_PORT", ports.mobile(), "1g", mobileEnv, logs);
        notifier = start("customer-notify", "FIELDCAST_NOTIFY_PORT", ports.customerNotify(), "1g", notifyEnv, logs);
        for (ServiceGroup group : services) {
            for (ServiceProcess s : group.instances()) {
                s.awaitReady(Duration.ofMinutes(5));
                out.printf(Locale.ROOT, "  %-17s ready on :%d (%d s; log %s)%n", s.module(), s.port(),
                        (System.nanoTime() - t0) / 1_000_000_000L, s.log());
            }
            if (group.instances().size() > 1) {
                out.printf(Locale.ROOT, "  %-17s %d instances behind the balancer on :%d%n", group.module(),
                        group.instances().size(), group.port());
            }
        }
    }

    private ServiceGroup start(String module, String portVariable, int port, String heap, Map<String, String> env,
                               Path logs) throws IOException {
        int count = options.instances();
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1"));
        jvm.addAll(serviceJavaOptions());
        ServiceGroup group = ServiceGroup.start(module, count, portVariable, port, i -> ServiceProcess
                .module(repo, module).jvmArgs(jvm).env(env)
                .log(logs.resolve("demo-" + module + (count > 1 ? "-" + i : "") + ".log")));
        services.add(group);
        return group;
    }

    /**
     * FIELDCAST_SERVICE_JAVA_OPTS: more JVM options for every service the demo starts (after its own heap and compiler
     * options, so they win), e.g. {@code -XX:+UseSerialGC}, which the end-to-end test uses: on two cores the
     * collector's own threads are CPU the test suite needs elsewhere.
     */
    private List<String> serviceJavaOptions() {
        String options = runtimeEnv.getOrDefault("FIELDCAST_SERVICE_JAVA_OPTS", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private void printUrls() {
        String door = "http://localhost:" + gateway.port();
        out.println();
        out.println("  one address, one sign-in: " + door + "/");
        out.println("  dispatcher console   " + door + "/console/    user " + DISPATCHER + " / "
                + DISPATCHER_PASSWORD + "  (admin: " + ADMIN + " / " + ADMIN_PASSWORD + ")");
        out.println("  forecast report      " + door + "/report       (signed in with the console)");
        out.println("  text outbox          " + door + "/outbox       (signed in with the console)");
        out.println("  operations           " + door + "/ops/         (signed in with the console; day sheets: "
                + "the console's \"Day sheet\")");
        out.println("  booking page         " + door + "/book/        customers book online here ("
                + Math.round(options.portalShare() * 100) + " % of the simulated ones do)");
        out.println("  technician's phone   " + door + "/app/         technician tech-01, code " + DEVICE_SECRET);
        out.println("  customer tracking    printed below once today's first text with a link is sent");
        out.println("  services directly    dispatch " + local(dispatch) + ", eta " + local(eta) + ", mobile "
                + local(mobile) + ", notify " + local(notifier) + " (API docs at /q/swagger-ui on each)");
        out.println();
    }

    /** Where the front door finds a service: its balancer or single instance, once started. */
    private URI serviceUrl(String service) {
        ServiceGroup group = switch (service) {
            case Routes.DISPATCH -> dispatch;
            case Routes.ETA -> eta;
            case Routes.MOBILE -> mobile;
            case Routes.NOTIFY -> notifier;
            default -> null;
        };
        return group == null ? null : URI.create(local(group));
    }

    private static String local(ServiceGroup s) {
        return "http://localhost:" + s.port();
    }

    /** Starts a training run on eta-service and follows its progress. */
    private void train(String token) throws InterruptedException {
        HttpApi api = new HttpApi(HttpClient.newHttpClient(), eta.url());
        JsonNode run = api.call("POST", "/api/models/retrain", null, token, Set.of(202)).body();
        String id = run.path("id").asText();
        String last = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            run = api.call("GET", "/api/models/retrain/" + id, null, token, Set.of(200)).body();
            String status = run.path("status").asText();
            String line = String.format(Locale.ROOT, "  %s %3.0f%% %s", status.toLowerCase(Locale.ROOT),
                    run.path("progress").asDouble() * 100, run.path("message").asText(""));
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (!"RUNNING".equalsIgnoreCase(status) && !"QUEUED".equalsIgnoreCase(status)) {
                if (!run.path("version").asText("").isEmpty()) {
                    out.println("  model version " + run.path("version").asText());
                }
                return;
            }
            Thread.sleep(1000);
        }
        out.println("  training still running after 20 min; going on with the models it has");
    }

    private void step(String n, String what) {
        out.println();
        out.println("== " + n + " " + what);
    }

    private static String fmt(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Work beside today's play: started before today is booked and planned, stopped when the day is over. Work that
     * belongs to the played day itself waits for {@link #awaitTheDay} first.
     */
    public interface DayHook {
        void start(Demo demo);

        void stop();
    }

    /**
     * Waits until the day is being played: the replay writes a new anchor into the clock file when it starts the day
     * (at the demo's speed, from the first shift), after booking and planning. Things timed in fractions of the day (a
     * chaos run's kills, a mid-day backup) start from here: before it, a wall second is a second of the morning, not
     * 40 minutes of the day. False when {@code stopped} says so first.
     */
    public boolean awaitTheDay(BooleanSupplier stopped) throws InterruptedException {
        while (!stopped.getAsBoolean()) {
            SharedClock.Anchor anchor = SharedClock.read(clockFile);
            if (anchor != null && !anchor.equals(beforeTheDay)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Runs {@code hook} beside today while it is played. */
    public Demo duringTheDay(DayHook hook) {
        this.duringTheDay = hook;
        return this;
    }

    /** The demo's options. */
    public DemoOptions options() {
        return options;
    }

    /** A FIELDCAST_ variable as the services get it (runtime.env's addresses), or null. */
    public String runtimeEnvValue(String name) {
        return runtimeEnv.get(name);
    }

    /** FIELDCAST_HOME of this demo. */
    public Path home() {
        return home;
    }

    /** The running services, each with its instances (after {@link #run}). */
    public List<ServiceGroup> services() {
        return List.copyOf(services);
    }

    /** What the simulated phones and bookers were told (after {@link #run}). */
    public Stats stats() {
        return stats;
    }

    public String territoryId() {
        return territoryId;
    }

    /** A current access token of the demo's administrator (who is a dispatcher too). */
    public String dispatcherToken() {
        return dispatcherClient.bearer();
    }

    /** Stops the services (each gets SIGTERM and up to 30 s); safe to call twice. */
    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        for (ServiceGroup s : services.reversed()) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
    }

    /** The demo company as dispatch seeds it (read from dispatch-service's seed file). */
    record DemoCompany(String territoryId, String timeZone, List<String> technicianIds) {
        static DemoCompany load(Path repo) throws IOException {
            Path file = repo.resolve("dispatch-service/src/main/resources/seed/demo-company.json");
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            JsonNode territory = root.path("territories").get(0);
            List<String> ids = new ArrayList<>();
            root.path("technicians").forEach(t -> ids.add(t.path("id").asText()));
            return new DemoCompany(territory.path("id").asText(), territory.path("timeZone").asText(), ids);
        }
    }
}
