package io.fieldcast.bench.dispatch;

import io.fieldcast.simulator.api.PortalTexts;
import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.Options;
import io.fieldcast.events.PortalMessage;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./fieldcast bench portal}: the customer portal under a crowd. Against a dispatch-service started for it (its
 * waitlist scan every 2 s), sets up one territory-day as {@code bench slots} does (N technicians, M visits booked
 * through the console API, most of them in the morning so that mornings are full), then lets C simulated customers
 * loose at once, each on a thread of its own, one customer after another until the run's time is up. A customer does
 * what the booking page does, through the public API only: opens the job types and answers the required intake
 * questions, searches an address of the day's area (taken from the map's own streets through the address search),
 * asks for slots (every slots call timed, also the manage page's), asks for a code and reads it from
 * {@code fieldcast.portal-messages} (once per event id), books (a 409 takes one of the windows offered instead); then
 * some reschedule to another offered window, some cancel (a third of them book again from the link), some join the
 * waitlist and wait for an offer (the text on Kafka, then the manage page's offers) and accept it after a moment's
 * thought, the rest only look. Meanwhile the phone line cancels a booked morning visit every few seconds, which frees
 * the windows the waitlist wants.
 *
 * <p>At the end, from dispatch's schema: {@code overbooked} by {@link OverbookCheck} (technician-days whose open visits
 * cannot all be served, plus open visits on no route), {@code double_filled} by {@link WaitlistCheck} (offers with
 * two acceptances, in the tables, the audit log or the customers' answers). Final line:
 * {@code BENCH portal customers=… slot_p50_ms=… slot_p99_ms=… booked=… overbooked=… waitlist_offers=…
 * waitlist_filled=… double_filled=… …}.
 */
public final class PortalBench {

    static final String JOB = "PORTAL_BENCH";
    private static final String[] WINDOWS = {"08:00", "10:00", "12:00", "14:00", "16:00"};
    /** The console's bookings lean to the morning, as people's wishes do: mornings fill first. */
    private static final double[] MORNING_FIRST = {0.35, 0.30, 0.15, 0.12, 0.08};

    private final BenchHttp admin;
    private final BenchHttp portal;
    private final Map<String, String> opt;
    private final Stats stats = new Stats();
    private final Map<String, Set<String>> acceptedByClients = new ConcurrentHashMap<>();

    private String territory;
    private LocalDate day;
    private double centerLat;
    private double centerLon;
    private List<OverbookCheck.Shift> shifts = new ArrayList<>();
    private final List<String[]> consoleVisits = Collections.synchronizedList(new ArrayList<>());
    private List<Address> addresses;
    private final AtomicInteger nextAddress = new AtomicInteger();
    private long phoneSalt;
    private volatile long deadline;
    private PortalTexts inbox;

    private PortalBench(Map<String, String> opt) {
        this.opt = opt;
        String url = opt.getOrDefault("url", "http://localhost:8081");
        this.admin = new BenchHttp(url);
        this.portal = new BenchHttp(url);
    }

    public static void main(String[] args) throws Exception {
        new PortalBench(Options.pairs(args)).run();
    }

    private int intOpt(String name, int fallback) {
        return Integer.parseInt(opt.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int customers = intOpt("customers", 50);
        int technicians = intOpt("technicians", 50);
        int visits = intOpt("visits", 500);
        int seconds = intOpt("seconds", 150);
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        String kafka = opt.getOrDefault("kafka", System.getenv().getOrDefault("FIELDCAST_KAFKA_BOOTSTRAP",
                "localhost:19092"));
        long started = System.nanoTime();
        admin.login(opt.getOrDefault("user", "bench"), opt.getOrDefault("password", "bench-secret"));
        Random random = new Random(seed);
        phoneSalt = (System.currentTimeMillis() / 1000 % 900) * 10_000L;
        setUp(technicians, visits, random);
        addresses = harvestAddresses(random);
        System.err.printf("bench portal: %d addresses of the day's area found through the address search%n",
                addresses.size());
        if (addresses.size() < customers) {
            throw new IllegalStateException("only " + addresses.size() + " addresses found near the bench territory");
        }
        warmUp(intOpt("warmup", 20));
        inbox = new PortalTexts(kafka);
        long runStart = System.nanoTime();
        deadline = runStart + Duration.ofSeconds(seconds).toNanos();
        Thread churn = Thread.ofPlatform().daemon().name("phone-line").start(() -> phoneLine(
                intOpt("churn-every-ms", 3000), new Random(seed + 7)));
        Thread progress = Thread.ofPlatform().daemon().name("progress").start(() -> progress(runStart));
        try (ExecutorService crowd = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                int n = i;
                running.add(crowd.submit(() -> customerLoop(n, new Random(seed * 1000 + n))));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        churn.interrupt();
        progress.interrupt();
        churn.join(10_000);
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        // A scan is due at most 2 s after the last change: let it finish before reading the tables.
        Thread.sleep(5_000);
        inbox.close();
        report(customers, runSeconds, (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------------- set-up

    private void setUp(int technicians, int visits, Random random) throws Exception {
        JsonNode any = admin.get("/api/territories");
        if (any.isEmpty()) {
            throw new IllegalStateException("start dispatch-service with fieldcast.seed.company so the map is known");
        }
        double mapLat = any.get(0).get("centerLat").asDouble();
        double mapLon = any.get(0).get("centerLon").asDouble();
        // Off the other territories' centres (the portal picks the nearest territory for an address): 4 km from the
        // first one, in a direction of this run's own.
        double angle = new Random(System.nanoTime()).nextDouble() * 2 * Math.PI;
        centerLat = mapLat + 0.036 * Math.sin(angle);
        centerLon = mapLon + 0.036 * Math.cos(angle) / Math.cos(Math.toRadians(mapLat));
        territory = "portal-" + Long.toString(System.currentTimeMillis() % 10_000_000, 36);
        admin.put("/api/territories/" + territory, Map.of("id", territory, "name", territory, "timeZone", "UTC",
                "centerLat", centerLat, "centerLon", centerLon, "radiusKm", 40,
                "windowProfile", "08:00-10:00,10:00-12:00,12:00-14:00,14:00-16:00,16:00-18:00",
                "emergencyReservePct", 10));
        admin.put("/api/job-types/" + JOB, Map.of("code", JOB, "name", "Bench visit", "defaultDurationMin", 30,
                "cancelCutoffMin", 60, "intake", List.of(
                        Map.of("id", "symptom", "kind", "CHOICE", "label", Map.of("en", "What is wrong?"),
                                "required", true, "options", List.of(
                                        Map.of("value", "no_signal", "label", Map.of("en", "No signal")),
                                        Map.of("value", "slow", "label", Map.of("en", "Slow")))),
                        Map.of("id", "pets", "kind", "YES_NO", "label", Map.of("en", "Pets at home?"),
                                "required", true),
                        Map.of("id", "access", "kind", "TEXT", "label", Map.of("en", "Gate code?"),
                                "required", false))));
        // The one working day of the territory: nothing earlier can be offered to the waitlist but that day's own
        // earlier windows, so offers come from freed windows, not from empty days before it.
        day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        String weekday = day.getDayOfWeek().name();
        List<double[]> places = places(centerLat, centerLon, technicians * 2 + visits * 3, random);
        int p = 0;
        for (int i = 0; i < technicians; i++) {
            double[] home = places.get(p++);
            if (!onMap(home)) {
                i--;
                continue;
            }
            String id = territory + "-t" + i;
            admin.put("/api/technicians/" + id, Map.of("id", id, "name", "Bench " + i, "phone", "+12125550100",
                    "territoryId", territory, "homeLat", home[0], "homeLon", home[1],
                    "weeklyShifts", Map.of(weekday, "07:00-19:00"), "breakMinutes", 30));
            shifts.add(new OverbookCheck.Shift(id, home[0], home[1], day.atTime(7, 0).toInstant(ZoneOffset.UTC),
                    day.atTime(19, 0).toInstant(ZoneOffset.UTC), 30));
        }
        long t0 = System.nanoTime();
        int refused = 0;
        while (consoleVisits.size() < visits && p < places.size()) {
            double[] at = places.get(p++);
            int first = pick(MORNING_FIRST, random);
            boolean placed = false;
            for (int k = 0; k < WINDOWS.length && !placed; k++) {
                String[] w = window((first + k) % WINDOWS.length);
                var response = admin.postRaw("/api/appointments", Map.of(
                        "customer", Map.of("name", "Phone Customer", "phone", "+12125550199"),
                        "address", "bench", "lat", at[0], "lon", at[1], "jobType", JOB,
                        "windowStart", w[0], "windowEnd", w[1], "territoryId", territory));
                if (response.statusCode() == 201) {
                    consoleVisits.add(new String[]{BenchHttp.JSON.readTree(response.body()).get("id").asText(), w[0]});
                    placed = true;
                } else if (response.statusCode() == 400) {
                    break; // off the map
                } else if (response.statusCode() != 409) {
                    throw new IllegalStateException("booking answered " + response.statusCode() + ": "
                            + response.body());
                }
            }
            refused += placed ? 0 : 1;
            if (placed && consoleVisits.size() % 100 == 0) {
                System.err.printf("bench portal: booked %d/%d visits by phone on %s (%.0f s)%n", consoleVisits.size(),
                        visits, day, (System.nanoTime() - t0) / 1e9);
            }
        }
        System.err.printf("bench portal: territory %s, %d technicians, %d visits on %s (%d places refused); "
                + "by window %s%n", territory, shifts.size(), consoleVisits.size(), day, refused, byWindow());
    }

    private String byWindow() {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String w : WINDOWS) {
            n.put(w, 0);
        }
        synchronized (consoleVisits) {
            consoleVisits.forEach(v -> n.merge(v[1].substring(11, 16), 1, Integer::sum));
        }
        return n.toString();
    }

    private String[] window(int i) {
        String start = day + "T" + WINDOWS[i] + ":00Z";
        int h = Integer.parseInt(WINDOWS[i].substring(0, 2)) + 2;
        return new String[]{start, day + "T" + String.format("%02d", h) + ":00:00Z"};
    }

    private static int pick(double[] weights, Random random) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private boolean onMap(double[] at) throws Exception {
        return admin.send(HttpRequest.newBuilder(admin.uri("/api/slots?lat=" + at[0] + "&lon=" + at[1]
                + "&jobType=" + JOB + "&from=2030-01-07&to=2030-01-07")).GET()).statusCode() == 200;
    }

    private static List<double[]> places(double lat, double lon, int n, Random random) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double r = 0.05 * Math.sqrt(random.nextDouble());
            double a = random.nextDouble() * 2 * Math.PI;
            out.add(new double[]{lat + r * Math.sin(a), lon + r * Math.cos(a) / Math.cos(Math.toRadians(lat))});
        }
        return out;
    }

    record Address(String label, double lat, double lon) {
    }

    /**
     * Addresses customers of the day's area could type, found through the address search only: first every two-letter
     * start of a street name word (and ordinals such as "12t"), which names streets and a few houses on each; then,
     * for the streets with a house near the bench territory, one house per block along them ("301 Oak Lane", "401
     * Oak Lane"…). Kept where the bench territory is the nearest (the portal's rule), within 5 km of its centre and
     * 60 m or more apart (two open portal bookings per address are allowed).
     */
    private List<Address> harvestAddresses(Random random) throws Exception {
        List<String> prefixes = new ArrayList<>();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                prefixes.add("" + a + b);
            }
        }
        for (char d = '1'; d <= '9'; d++) {
            for (char b = 'a'; b <= 'z'; b++) {
                prefixes.add("" + d + b);
            }
            for (char e = '0'; e <= '9'; e++) {
                for (char s : new char[]{'s', 'n', 'r', 't'}) {
                    prefixes.add("" + d + e + s);
                }
            }
        }
        Map<String, Address> found = new ConcurrentHashMap<>();
        search(prefixes.stream().map(q -> q + "&limit=20").toList(), found);
        // Street name -> the highest house number seen on it and how near to the centre it comes.
        Map<String, double[]> streets = new LinkedHashMap<>();
        for (Address a : found.values()) {
            int space = a.label().indexOf(' ');
            if (space < 1 || !a.label().substring(0, space).chars().allMatch(Character::isDigit)
                    || a.label().substring(0, space).length() > 6) {
                continue;
            }
            double km = OverbookCheck.kilometres(a.lat(), a.lon(), centerLat, centerLon);
            double[] s = streets.computeIfAbsent(a.label().substring(space + 1), k -> new double[]{0, Double.MAX_VALUE});
            s[0] = Math.max(s[0], Long.parseLong(a.label().substring(0, space)));
            s[1] = Math.min(s[1], km);
        }
        List<String> blocks = new ArrayList<>();
        streets.entrySet().stream().filter(e -> e.getValue()[1] <= 8)
                .sorted((x, y) -> Double.compare(x.getValue()[1], y.getValue()[1]))
                .forEach(e -> {
                    for (long block = 1; block <= e.getValue()[0] / 100 && blocks.size() < 6000; block++) {
                        blocks.add(encode((block * 100 + 1) + " " + e.getKey()) + "&limit=1");
                    }
                });
        search(blocks, found);
        JsonNode territories = admin.get("/api/territories");
        List<Address> near = new ArrayList<>();
        for (Address a : found.values()) {
            if (OverbookCheck.kilometres(a.lat(), a.lon(), centerLat, centerLon) <= 5
                    && territory.equals(nearestTerritory(territories, a.lat(), a.lon()))) {
                near.add(a);
            }
        }
        near.sort((x, y) -> x.label().compareTo(y.label()));
        Collections.shuffle(near, random);
        List<Address> kept = new ArrayList<>();
        for (Address a : near) {
            if (kept.stream().noneMatch(k -> OverbookCheck.kilometres(k.lat(), k.lon(), a.lat(), a.lon()) < 0.06)) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** The address search for each query (already encoded, with its limit), four at a time; hits into {@code found}. */
    private void search(List<String> queries, Map<String, Address> found) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (String q : queries) {
                done.add(pool.submit(() -> {
                    for (JsonNode a : portal.get("/portal/api/addresses?q=" + q)) {
                        found.putIfAbsent(a.get("label").asText(), new Address(a.get("label").asText(),
                                a.get("lat").asDouble(), a.get("lon").asDouble()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** The territory the portal books an address into: the nearest centre whose radius reaches it. */
    static String nearestTerritory(JsonNode territories, double lat, double lon) {
        String best = null;
        double bestKm = Double.MAX_VALUE;
        double secondKm = Double.MAX_VALUE;
        for (JsonNode t : territories) {
            double km = OverbookCheck.kilometres(lat, lon, t.get("centerLat").asDouble(), t.get("centerLon").asDouble());
            if (km > t.get("radiusKm").asDouble()) {
                continue;
            }
            if (km < bestKm) {
                secondKm = bestKm;
                best = t.get("id").asText();
                bestKm = km;
            } else if (km < secondKm) {
                secondKm = km;
            }
        }
        return secondKm - bestKm < 0.1 ? null : best; // too close to call: stay away from the border
    }

    // ---------------------------------------------------------------------------------------------------- the crowd

    private boolean timeLeft() {
        return System.nanoTime() < deadline;
    }

    private void customerLoop(int n, Random random) {
        try {
            Thread.sleep(random.nextInt(1 + 1000 * intOpt("ramp-seconds", 10))); // they arrive over the first seconds
            for (int session = 0; timeLeft() && session < 1000; session++) {
                Address address = addresses.get(nextAddress.getAndIncrement() % addresses.size());
                String phone = "+1917" + String.format("%07d", (phoneSalt + n * 1000L + session) % 10_000_000);
                try {
                    new Customer(phone, address, random).visit();
                } catch (Exception e) {
                    stats.error("customer " + phone + ": " + e);
                }
                stats.sessions.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One customer on the booking page and then on the manage page. */
    private final class Customer {
        private final String phone;
        private final Address address;
        private final Random random;
        private String token;
        private String windowStart;

        Customer(String phone, Address address, Random random) {
            this.phone = phone;
            this.address = address;
            this.random = random;
        }

        void visit() throws Exception {
            JsonNode types = portal.get("/portal/api/job-types");
            Map<String, String> answers = null;
            for (JsonNode t : types) {
                if (t.get("code").asText().equals(JOB)) {
                    answers = answers(t.get("intake"));
                }
            }
            if (answers == null) {
                throw new IllegalStateException(JOB + " is not among the portal's job types");
            }
            JsonNode hits = portal.get("/portal/api/addresses?q=" + encode(address.label()) + "&limit=5");
            if (hits.isEmpty()) {
                stats.error("address search found nothing for " + address.label());
                return;
            }
            JsonNode home = hits.get(0);
            double lat = home.get("lat").asDouble();
            double lon = home.get("lon").asDouble();
            List<JsonNode> offered = onDay(timedSlots("/portal/api/slots?lat=" + lat + "&lon=" + lon + "&jobType="
                    + JOB, null).get("slots"));
            if (offered.isEmpty()) {
                stats.noSlots.incrementAndGet();
                return;
            }
            var codeAnswer = post("/portal/api/codes", Map.of("phone", phone, "language", "en"), null);
            if (codeAnswer.statusCode() == 429) {
                stats.refused429.incrementAndGet();
                return;
            }
            expect(codeAnswer, 202);
            long asked = System.nanoTime();
            String codeId = BenchHttp.JSON.readTree(codeAnswer.body()).get("codeId").asText();
            PortalMessage text = inbox.await(phone, m -> m.kind().equals(PortalMessage.PHONE_CODE),
                    Duration.ofSeconds(30));
            if (text == null) {
                stats.error("no code on Kafka within 30 s for " + phone);
                return;
            }
            stats.codeMs.add((System.nanoTime() - asked) / 1e6);
            JsonNode slot = random.nextDouble() < 0.6 ? offered.getFirst() : offered.get(random.nextInt(offered.size()));
            for (int attempt = 0; attempt < 3; attempt++) {
                Map<String, Object> booking = new LinkedHashMap<>();
                booking.put("jobType", JOB);
                booking.put("answers", answers);
                booking.put("address", home.get("label").asText());
                booking.put("lat", lat);
                booking.put("lon", lon);
                booking.put("windowStart", slot.get("windowStart").asText());
                booking.put("windowEnd", slot.get("windowEnd").asText());
                booking.put("name", "Portal Customer");
                booking.put("phone", phone);
                booking.put("language", "en");
                booking.put("codeId", codeId);
                booking.put("code", text.code());
                var answer = post("/portal/api/bookings", booking, null);
                if (answer.statusCode() == 201) {
                    JsonNode b = BenchHttp.JSON.readTree(answer.body());
                    token = b.get("manageToken").asText();
                    windowStart = b.get("windowStart").asText();
                    stats.booked.incrementAndGet();
                    break;
                }
                if (answer.statusCode() == 429) {
                    stats.refused429.incrementAndGet();
                    return;
                }
                expect(answer, 409);
                stats.refused409.incrementAndGet();
                // Taken meanwhile: one of the windows the answer offers instead, or the page's slots again.
                List<JsonNode> next = onDay(BenchHttp.JSON.readTree(answer.body()).findValue("nextSlots"));
                if (next.isEmpty()) {
                    next = onDay(timedSlots("/portal/api/slots?lat=" + lat + "&lon=" + lon + "&jobType=" + JOB,
                            null).get("slots"));
                }
                if (next.isEmpty()) {
                    stats.noSlots.incrementAndGet();
                    return;
                }
                slot = next.getFirst();
            }
            if (token == null) {
                return;
            }
            JsonNode managed = manage();
            double r = random.nextDouble();
            if (r < 0.20) {
                reschedule();
            } else if (r < 0.35) {
                cancel();
            } else if (r < 0.75 && !windowStart.equals(window(0)[0]) && managed != null) {
                waitForEarlier();
            }
        }

        private JsonNode manage() throws Exception {
            var answer = get("/portal/api/manage");
            expect(answer, 200);
            return BenchHttp.JSON.readTree(answer.body());
        }

        private void reschedule() throws Exception {
            List<JsonNode> offered = onDay(timedSlots("/portal/api/manage/slots", token).get("slots"));
            offered.removeIf(s -> s.get("windowStart").asText().equals(windowStart));
            if (offered.isEmpty()) {
                stats.noSlots.incrementAndGet();
                return;
            }
            JsonNode to = offered.get(random.nextInt(offered.size()));
            var answer = post("/portal/api/manage/reschedule", Map.of("windowStart", to.get("windowStart").asText(),
                    "windowEnd", to.get("windowEnd").asText()), token);
            if (answer.statusCode() == 409) {
                stats.refused409.incrementAndGet();
                return;
            }
            expect(answer, 200);
            stats.rescheduled.incrementAndGet();
        }

        private void cancel() throws Exception {
            expect(post("/portal/api/manage/cancel", Map.of("reason", "plans changed"), token), 200);
            stats.canceled.incrementAndGet();
            if (random.nextInt(3) == 0 && timeLeft()) {
                Thread.sleep(1_000 + random.nextInt(2_000));
                List<JsonNode> offered = onDay(timedSlots("/portal/api/manage/slots", token).get("slots"));
                if (offered.isEmpty()) {
                    stats.noSlots.incrementAndGet();
                    return;
                }
                JsonNode to = offered.get(random.nextInt(offered.size()));
                var answer = post("/portal/api/manage/rebook", Map.of("windowStart", to.get("windowStart").asText(),
                        "windowEnd", to.get("windowEnd").asText()), token);
                if (answer.statusCode() == 409) {
                    stats.refused409.incrementAndGet();
                } else if (answer.statusCode() == 429) {
                    stats.refused429.incrementAndGet();
                } else {
                    expect(answer, 201);
                    stats.rebooked.incrementAndGet();
                }
            }
        }

        /** On the waitlist until an offer is taken, the patience runs out, or the run ends. */
        private void waitForEarlier() throws Exception {
            expect(post("/portal/api/manage/waitlist", Map.of(), token), 200);
            stats.waitlisted.incrementAndGet();
            long until = System.nanoTime() + Duration.ofSeconds(intOpt("wait-seconds", 60)).toNanos();
            while (timeLeft() && System.nanoTime() < until) {
                PortalMessage offer = inbox.await(phone, m -> m.kind().equals(PortalMessage.WAITLIST_OFFER),
                        Duration.ofSeconds(5));
                if (offer != null) {
                    stats.offerTexts.incrementAndGet();
                }
                JsonNode managed = manage();
                JsonNode offers = managed.get("offers");
                if (offers == null || offers.isEmpty()) {
                    continue;
                }
                Thread.sleep(random.nextInt(2_000)); // reads the text, thinks it over
                String offerId = offers.get(0).get("id").asText();
                var answer = post("/portal/api/manage/offers/" + offerId + "/accept", Map.of(), token);
                if (answer.statusCode() == 200) {
                    stats.accepted.incrementAndGet();
                    acceptedByClients.computeIfAbsent(offerId, k -> ConcurrentHashMap.newKeySet())
                            .add(managed.get("id").asText());
                    JsonNode after = BenchHttp.JSON.readTree(answer.body());
                    if (!after.get("windowStart").asText().equals(offers.get(0).get("windowStart").asText())) {
                        stats.error("accepted offer " + offerId + " but the appointment is at "
                                + after.get("windowStart").asText());
                    }
                    return;
                }
                expect(answer, 409);
                stats.acceptRefused.incrementAndGet();
            }
            var left = delete("/portal/api/manage/waitlist", token);
            if (left.statusCode() != 200 && left.statusCode() != 409) {
                expect(left, 200);
            }
        }

        private List<JsonNode> onDay(JsonNode slots) {
            List<JsonNode> out = new ArrayList<>();
            if (slots != null) {
                for (JsonNode s : slots) {
                    if (s.get("windowStart").asText().startsWith(day.toString())) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        private JsonNode timedSlots(String path, String link) throws Exception {
            long t0 = System.nanoTime();
            var answer = get(path, link);
            double ms = (System.nanoTime() - t0) / 1e6;
            expect(answer, 200);
            stats.slotMs.add(ms);
            return BenchHttp.JSON.readTree(answer.body());
        }

        private HttpResponse<String> get(String path) throws Exception {
            return get(path, token);
        }

        private HttpResponse<String> get(String path, String link) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(path)).GET();
            if (link != null) {
                request.header("X-Manage-Link", link);
            }
            return portal.send(request);
        }

        private HttpResponse<String> post(String path, Object body, String link) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BenchHttp.JSON.writeValueAsString(body)));
            if (link != null) {
                request.header("X-Manage-Link", link);
            }
            return portal.send(request);
        }

        private HttpResponse<String> delete(String path, String link) throws Exception {
            return portal.send(HttpRequest.newBuilder(portal.uri(path)).header("X-Manage-Link", link).DELETE());
        }
    }

    /** The required intake questions answered as a hurried customer does: the first option, "no", a word. */
    static Map<String, String> answers(JsonNode intake) {
        Map<String, String> out = new LinkedHashMap<>();
        if (intake == null) {
            return out;
        }
        for (JsonNode q : intake) {
            if (!q.path("required").asBoolean(false) || q.hasNonNull("showIf")) {
                continue; // a follow-up shows only after a particular answer; "no" and first options avoid them
            }
            String id = q.get("id").asText();
            switch (q.path("kind").asText()) {
                case "CHOICE" -> out.put(id, q.get("options").get(0).get("value").asText());
                case "YES_NO" -> out.put(id, "no");
                default -> out.put(id, "n/a");
            }
        }
        return out;
    }

    private static void expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri().getPath()
                    + " answered " + answer.statusCode() + " (expected " + status + "): " + answer.body());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------- phone line

    /** Customers who booked by phone call to cancel, one every {@code everyMs}, mornings first: windows free up. */
    private void phoneLine(int everyMs, Random random) {
        try {
            while (timeLeft()) {
                Thread.sleep(everyMs);
                String[] visit;
                synchronized (consoleVisits) {
                    if (consoleVisits.isEmpty()) {
                        return;
                    }
                    List<Integer> mornings = new ArrayList<>();
                    for (int i = 0; i < consoleVisits.size(); i++) {
                        if (consoleVisits.get(i)[1].compareTo(window(2)[0]) < 0) {
                            mornings.add(i);
                        }
                    }
                    int i = mornings.isEmpty() ? random.nextInt(consoleVisits.size())
                            : mornings.get(random.nextInt(mornings.size()));
                    visit = consoleVisits.remove(i);
                }
                var answer = admin.postRaw("/api/appointments/" + visit[0] + "/cancel",
                        Map.of("reason", "customer called to cancel"));
                if (answer.statusCode() == 200) {
                    stats.phoneCancels.incrementAndGet();
                } else {
                    stats.error("phone cancel answered " + answer.statusCode() + ": " + answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            stats.error("phone line: " + e);
        }
    }

    /**
     * As {@code bench slots} does: a few untimed slot queries first, so the figures are of a service that has
     * compiled its hot code, not of the JIT.
     */
    private void warmUp(int queries) throws Exception {
        for (int i = 0; i < queries; i++) {
            Address a = addresses.get(addresses.size() - 1 - i % addresses.size());
            var answer = portal.send(HttpRequest.newBuilder(portal.uri("/portal/api/slots?lat=" + a.lat() + "&lon="
                    + a.lon() + "&jobType=" + JOB)).GET());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("slots answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    /** Every 10 s: what was done so far, and the slot calls' p50 and p99 of those 10 s. */
    private void progress(long runStart) {
        try {
            List<Double> before = new ArrayList<>();
            while (true) {
                Thread.sleep(10_000);
                List<Double> now = new ArrayList<>(stats.slotMs);
                ConcurrentLinkedQueue<Double> recent = new ConcurrentLinkedQueue<>(now.subList(Math.min(before.size(),
                        now.size()), now.size()));
                before = now;
                double[] p = percentiles(recent);
                System.err.printf("bench portal: %3.0f s sessions=%d booked=%d slot_calls_10s=%d slot_p50_ms_10s=%.0f "
                                + "slot_p99_ms_10s=%.0f rescheduled=%d canceled=%d waitlisted=%d offers_texted=%d "
                                + "accepted=%d phone_cancels=%d errors=%d%n", (System.nanoTime() - runStart) / 1e9,
                        stats.sessions.get(), stats.booked.get(), (int) p[3], p[0], p[1],
                        stats.rescheduled.get(), stats.canceled.get(), stats.waitlisted.get(),
                        stats.offerTexts.get(), stats.accepted.get(), stats.phoneCancels.get(), stats.errors.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------- the end

    private void report(int customers, double runSeconds, double totalSeconds) throws Exception {
        Map<String, String> env = System.getenv();
        String url = env.get("FIELDCAST_PG_URL");
        if (url == null) {
            throw new IllegalStateException("FIELDCAST_PG_URL is not set (./fieldcast sources runtime.env)");
        }
        OverbookCheck.Result overbook;
        WaitlistCheck.Result waitlist;
        try (Connection db = DriverManager.getConnection("jdbc:" + url + (url.contains("?") ? "&" : "?")
                        + "currentSchema=dispatch", env.getOrDefault("FIELDCAST_PG_USER", "postgres"),
                env.getOrDefault("FIELDCAST_PG_PASSWORD", "postgres"))) {
            overbook = OverbookCheck.load(db, territory, day, shifts);
            waitlist = WaitlistCheck.load(db, territory, acceptedByClients);
        }
        double[] slots = percentiles(stats.slotMs);
        double[] codes = percentiles(stats.codeMs);
        System.out.printf("%nportal on %s (%s): %d customers for %.0f s, %d sessions; %d technician-days, %d open "
                        + "visits at the end%n", territory, day, customers, runSeconds, stats.sessions.get(),
                overbook.technicianDays(), overbook.visits());
        overbook.findings().stream().limit(10).forEach(f -> System.out.println("  overbooked: "
                + (f.technicianId() == null ? "visit " + f.visitId() : f.technicianId()) + ": " + f.why()));
        waitlist.doubleFilled().stream().limit(10).forEach(o -> System.out.println("  double filled: offer " + o));
        stats.firstErrors.forEach(e -> System.out.println("  error: " + e));
        System.out.printf("codes on Kafka: p50 %.0f ms, p99 %.0f ms; texts read %d (%d published twice); slot calls "
                        + "%d, max %.0f ms; run %.0f s in all%n", codes[0], codes[1], inbox.received(),
                inbox.republished(), (int) slots[3], slots[2], totalSeconds);
        System.out.printf("BENCH portal customers=%d slot_p50_ms=%.0f slot_p99_ms=%.0f booked=%d overbooked=%d "
                        + "waitlist_offers=%d waitlist_filled=%d double_filled=%d rescheduled=%d canceled=%d "
                        + "rebooked=%d refused_409=%d refused_429=%d no_slots=%d waitlisted=%d accept_409=%d "
                        + "phone_cancels=%d unplanned=%d code_p99_ms=%.0f slot_calls=%d errors=%d seconds=%.0f%n",
                customers, slots[0], slots[1], stats.booked.get(), overbook.overbooked(), waitlist.offers(),
                waitlist.filled(), waitlist.doubleFilled().size(), stats.rescheduled.get(), stats.canceled.get(),
                stats.rebooked.get(), stats.refused409.get(), stats.refused429.get(), stats.noSlots.get(),
                stats.waitlisted.get(), stats.acceptRefused.get(), stats.phoneCancels.get(), overbook.unplanned(),
                codes[1], (int) slots[3], stats.errors.get(), runSeconds);
    }

    /** p50, p99, max and count of the samples (zeros when there are none). */
    static double[] percentiles(ConcurrentLinkedQueue<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        if (sorted.length == 0) {
            return new double[4];
        }
        Arrays.sort(sorted);
        return new double[]{sorted[(int) Math.ceil(sorted.length * 0.5) - 1],
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1], sorted[sorted.length - 1], sorted.length};
    }

    /** What the crowd did; the first few errors are kept for the report. */
    private static final class Stats {
        final AtomicInteger sessions = new AtomicInteger();
        final AtomicInteger booked = new AtomicInteger();
        final AtomicInteger refused409 = new AtomicInteger();
        final AtomicInteger refused429 = new AtomicInteger();
        final AtomicInteger noSlots = new AtomicInteger();
        final AtomicInteger rescheduled = new AtomicInteger();
        final AtomicInteger canceled = new AtomicInteger();
        final AtomicInteger rebooked = new AtomicInteger();
        final AtomicInteger waitlisted = new AtomicInteger();
        final AtomicInteger offerTexts = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger acceptRefused = new AtomicInteger();
        final AtomicInteger phoneCancels = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final ConcurrentLinkedQueue<Double> slotMs = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Double> codeMs = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void error(String what) {
            if (errors.incrementAndGet() <= 10) {
                firstErrors.add(what);
                System.err.println("bench portal: " + what);
            }
        }
    }
}
