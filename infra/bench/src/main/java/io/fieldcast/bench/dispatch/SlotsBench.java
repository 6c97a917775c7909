package io.fieldcast.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.Options;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./fieldcast bench slots}: against a running dispatch-service, sets up a territory-day with N technicians
 * and M booked visits (booked through the API, so the plan is the real one), then times slot queries for random
 * addresses. The same queries on an empty day of the same territory are the baseline of the run.
 * Prints {@code BENCH slots technicians=… visits=… p50_ms=… p99_ms=… …}.
 */
public final class SlotsBench {

    private final BenchHttp api;

    private SlotsBench(String base) {
        this.api = new BenchHttp(base);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Options.pairs(args);
        SlotsBench bench = new SlotsBench(opt.getOrDefault("url", "http://localhost:8081"));
        int technicians = Integer.parseInt(opt.getOrDefault("technicians", "50"));
        int visits = Integer.parseInt(opt.getOrDefault("visits", "500"));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "400"));
        bench.run(opt.getOrDefault("user", "bench"), opt.getOrDefault("password", "bench-secret"), technicians,
                visits, queries, Long.parseLong(opt.getOrDefault("seed", "1")));
    }

    private void run(String user, String password, int technicians, int visits, int queries, long seed)
            throws Exception {
        api.login(user, password);
        Random random = new Random(seed);
        // A fresh territory per run: a day filled by an earlier run would only measure 409s.
        String territory = "bench-" + seed + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        JsonNode any = api.get("/api/territories");
        double lat = 0;
        double lon = 0;
        for (JsonNode t : any) {
            lat = t.get("centerLat").asDouble();
            lon = t.get("centerLon").asDouble();
        }
        if (any.isEmpty()) {
            throw new IllegalStateException("start dispatch-service with fieldcast.seed.company so the map center is known");
        }
        api.put("/api/territories/" + territory, Map.of("id", territory, "name", territory, "timeZone", "UTC",
                "centerLat", lat, "centerLon", lon, "radiusKm", 40,
                "windowProfile", "08:00-10:00,10:00-12:00,12:00-14:00,14:00-16:00,16:00-18:00",
                "emergencyReservePct", 10));
        api.put("/api/job-types/BENCH", Map.of("code", "BENCH", "name", "bench job", "defaultDurationMin", 30));
        List<double[]> places = places(lat, lon, technicians + visits * 3 + queries, random);
        int p = 0;
        for (int i = 0; i < technicians; i++) {
            double[] home = places.get(p++);
            if (!onMap(home)) {
                i--;
                continue;
            }
            api.put("/api/technicians/" + territory + "-t" + i, Map.of("id", territory + "-t" + i, "name", "Bench " + i,
                    "phone", "+12125550100", "territoryId", territory, "homeLat", home[0], "homeLon", home[1],
                    "weeklyShifts", Map.of("MONDAY", "07:00-19:00", "TUESDAY", "07:00-19:00",
                            "WEDNESDAY", "07:00-19:00", "THURSDAY", "07:00-19:00", "FRIDAY", "07:00-19:00"),
                    "breakMinutes", 30));
        }
        LocalDate day = nextWeekday(LocalDate.now().plusDays(7));
        LocalDate empty = nextWeekday(day.plusDays(1));
        int booked = 0;
        long bookStart = System.nanoTime();
        String[] windows = {"08:00", "10:00", "12:00", "14:00", "16:00"};
        while (booked < visits && p < places.size() - queries) {
            double[] at = places.get(p++);
            String w = windows[random.nextInt(windows.length)];
            String start = day + "T" + w + ":00Z";
            String end = day + "T" + String.format("%02d", Integer.parseInt(w.substring(0, 2)) + 2) + ":00:00Z";
            var response = api.postRaw("/api/appointments", Map.of(
                    "customer", Map.of("name", "Bench Customer", "phone", "+12125550199"),
                    "address", "bench", "lat", at[0], "lon", at[1], "jobType", "BENCH",
                    "windowStart", start, "windowEnd", end, "territoryId", territory));
            if (response.statusCode() == 201) {
                booked++;
                if (booked % 50 == 0) {
                    System.err.printf("bench slots: booked %d/%d visits%n", booked, visits);
                }
            }
        }
        double bookMs = (System.nanoTime() - bookStart) / 1e6 / Math.max(1, booked);
        List<double[]> queryPlaces = places.subList(places.size() - queries, places.size());
        double[] baseline = time(queryPlaces, territory, empty, Math.max(20, queries / 4));
        double[] loaded = time(queryPlaces, territory, day, queries);
        System.out.printf("%nqueries on %s (%d visits booked) vs an empty day (baseline)%n", day, booked);
        System.out.printf("BENCH slots technicians=%d visits=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f queries=%d "
                        + "empty_day_p50_ms=%.1f empty_day_p99_ms=%.1f book_mean_ms=%.1f%n",
                technicians, booked, loaded[0], loaded[1], loaded[2], queries, baseline[0], baseline[1], bookMs);
    }

    /** p50, p99, max in ms over the queries, after a warm-up of 20; places refused as off the map are skipped. */
    private double[] time(List<double[]> at, String territory, LocalDate day, int n) throws Exception {
        for (int i = 0; i < 20; i++) {
            slots(at.get(i % at.size()), territory, day);
        }
        double[] ms = new double[n];
        int done = 0;
        for (int i = 0; done < n && i < n * 3; i++) {
            long t0 = System.nanoTime();
            if (slots(at.get(i % at.size()), territory, day)) {
                ms[done++] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] sample = Arrays.copyOf(ms, done);
        Arrays.sort(sample);
        return new double[]{sample[done / 2], sample[(int) Math.ceil(done * 0.99) - 1], sample[done - 1]};
    }

    /** True when answered with slots; false when the address was refused as off the map (a 400). */
    private boolean slots(double[] at, String territory, LocalDate day) throws Exception {
        var response = api.send(HttpRequest.newBuilder(api.uri("/api/slots?lat=" + at[0] + "&lon=" + at[1]
                + "&jobType=BENCH&from=" + day + "&to=" + day + "&territory=" + territory)).GET());
        if (response.statusCode() == 400) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("slots answered " + response.statusCode() + ": " + response.body());
        }
        return true;
    }

    private boolean onMap(double[] at) throws Exception {
        return api.send(HttpRequest.newBuilder(api.uri("/api/slots?lat=" + at[0] + "&lon=" + at[1]
                + "&jobType=BENCH&from=2030-01-07&to=2030-01-07")).GET()).statusCode() == 200;
    }

    /** Random addresses near the centre; the service snaps them (and refuses the few that are off the map). */
    private static List<double[]> places(double lat, double lon, int n, Random random) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double r = 0.09 * Math.sqrt(random.nextDouble());
            double a = random.nextDouble() * 2 * Math.PI;
            out.add(new double[]{lat + r * Math.sin(a), lon + r * Math.cos(a) / Math.cos(Math.toRadians(lat))});
        }
        return out;
    }

    private static LocalDate nextWeekday(LocalDate d) {
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        return d;
    }
}
