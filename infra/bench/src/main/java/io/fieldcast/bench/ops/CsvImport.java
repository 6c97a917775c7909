package io.fieldcast.bench.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.bench.BenchTokens;
import io.fieldcast.bench.Checkout;
import io.fieldcast.platform.launcher.ServiceProcess;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.city.CityOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk admin by CSV on the real dispatch-service: starts it with one seeded territory and job type, then imports
 * {@code --technicians} (50) technicians (one file, one transaction) and {@code --import-appointments} (300) bookings
 * (one file, each row booked through the dispatcher's path: capacity, audit, outbox), each file after a dry run.
 * {@code import_rows_per_s} is the rows written over the seconds the two real imports took.
 */
final class CsvImport implements OpsBench.Phase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TERRITORY = "bench-import";

    @Override
    public void run(OpsBench.Context context, Map<String, String> figures) throws Exception {
        int technicians = Integer.parseInt(context.options().getOrDefault("technicians", "50"));
        int appointments = Integer.parseInt(context.options().getOrDefault("import-appointments", "300"));
        Map<String, String> env = new java.util.HashMap<>(context.env());
        Path home = Path.of(env.getOrDefault("FIELDCAST_HOME", ".fieldcast"));
        Path company = home.resolve("bench-import-company.json");
        Files.writeString(company, """
                {"territories":[{"id":"%s","name":"Bench import","timeZone":"UTC","radiusKm":30,
                  "windowProfile":"08:00-12:00,12:00-16:00,16:00-20:00"}],
                 "jobTypes":[{"code":"REPAIR","name":"Repair","defaultDurationMin":45,"requiredSkills":{"cable":1}}],
                 "technicians":[]}""".formatted(TERRITORY));
        env.put("FIELDCAST_SEED_COMPANY", company.toString());
        List<GeoPoint> places = places(env, technicians + appointments);
        Path log = home.resolve("logs/bench-ops-dispatch.log");
        System.err.printf("import: starting dispatch-service (log %s)…%n", log);
        try (ServiceProcess dispatch = ServiceProcess.module(Checkout.root(), "dispatch-service")
                .port("FIELDCAST_DISPATCH_PORT", 0).env(env)
                .jvmArgs(List.of("-Xmx1g", "-Dquarkus.log.level=WARN")).log(log).start()) {
            dispatch.awaitReady(Duration.ofMinutes(5));
            String admin = new BenchTokens(Path.of(env.get("FIELDCAST_JWT_PRIVATE_KEY")),
                    "https://fieldcast.io/platform").forUser("bench-admin", "admin");
            StringBuilder techs = new StringBuilder(
                    "id,name,phone,territory,home_lat,home_lon,skills,shifts,break_minutes,break_window,active\n");
            for (int i = 0; i < technicians; i++) {
                GeoPoint p = places.get(i);
                techs.append(String.format(Locale.ROOT, "imp-%03d,Import Tech %d,+1212556%04d,%s,%.6f,%.6f,cable:3,"
                                + "\"MONDAY 07:00-21:00;TUESDAY 07:00-21:00;WEDNESDAY 07:00-21:00;THURSDAY 07:00-21:00;"
                                + "FRIDAY 07:00-21:00;SATURDAY 07:00-21:00;SUNDAY 07:00-21:00\",30,11:30-14:00,true\n",
                        i, i, i, TERRITORY, p.lat(), p.lon()));
            }
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
            String[][] windows = {{"08:00", "12:00"}, {"12:00", "16:00"}, {"16:00", "20:00"}};
            StringBuilder appts = new StringBuilder("territory,customer_name,customer_phone,customer_email,language,"
                    + "address,lat,lon,job_type,window_start,window_end,priority,notes\n");
            for (int i = 0; i < appointments; i++) {
                GeoPoint p = places.get(technicians + i);
                String[] w = windows[i % windows.length];
                appts.append(String.format(Locale.ROOT, "%s,Customer %d,+1212557%04d,,en,\"%d Import St, unit %d\","
                                + "%.6f,%.6f,REPAIR,%sT%s:00Z,%sT%s:00Z,3,\"imported, row %d\"\n", TERRITORY, i, i, i,
                        i % 7, p.lat(), p.lon(), day, w[0], day, w[1], i));
            }
            check(post(dispatch.url() + "/api/bulk/technicians?dryRun=true", admin, techs.toString()), technicians);
            check(post(dispatch.url() + "/api/bulk/appointments?dryRun=true", admin, appts.toString()), appointments);
            long started = System.nanoTime();
            JsonNode t = post(dispatch.url() + "/api/bulk/technicians", admin, techs.toString());
            long techNanos = System.nanoTime() - started;
            System.err.printf("import: %d technicians written in %.2f s%n", t.path("written").asInt(), techNanos / 1e9);
            started = System.nanoTime();
            JsonNode a = post(dispatch.url() + "/api/bulk/appointments", admin, appts.toString());
            long apptNanos = System.nanoTime() - started;
            System.err.printf("import: %d appointments booked, %d refused (no capacity), in %.2f s%n",
                    a.path("written").asInt(), a.path("refused").size(), apptNanos / 1e9);
            int written = t.path("written").asInt() + a.path("written").asInt();
            figures.put("import_rows", String.valueOf(written));
            figures.put("import_rows_per_s", String.format(Locale.ROOT, "%.1f", written / ((techNanos + apptNanos)
                    / 1e9)));
        }
    }

    /** Homes and customers on the same synthetic city the services load (FIELDCAST_ROAD_*), so every one snaps. */
    private static List<GeoPoint> places(Map<String, String> env, int n) {
        String dir = System.getenv("FIELDCAST_ROAD_CACHE_DIR");
        Path cache = Path.of(dir != null ? dir : env.getOrDefault("FIELDCAST_ROAD_CACHE_DIR",
                System.getenv().getOrDefault("FIELDCAST_HOME", ".fieldcast") + "/graph"));
        RoadNetworkConfig config = RoadNetworkConfig.syntheticCity()
                .withCity(CityOptions.of(Long.parseLong(System.getenv().getOrDefault("FIELDCAST_ROAD_CITY_SEED", "7")),
                        Double.parseDouble(System.getenv().getOrDefault("FIELDCAST_ROAD_CITY_SIZE_KM", "25"))))
                .withCacheDir(cache);
        try (RoadNetwork network = RoadNetwork.open(config)) {
            return network.randomResidentialPoints(n, 24);
        }
    }

    private static void check(JsonNode dryRun, int rows) {
        if (dryRun.path("valid").asInt() != rows) {
            throw new IllegalStateException("the dry run found errors: " + dryRun.path("errors"));
        }
    }

    private static JsonNode post(String url, String token, String csv) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
