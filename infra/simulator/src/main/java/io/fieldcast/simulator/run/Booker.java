package io.fieldcast.simulator.run;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.simulator.api.ApiCallException;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.PortalClient;
import io.fieldcast.simulator.world.Seeds;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Customers calling in: books a day's appointments through dispatch's API at residential addresses, in the
 * territory's windows, with job types drawn from the catalogue. A 409 (no capacity) is what a dispatcher would hear
 * too: the call moves on to another window or job.
 *
 * <p>With an {@link Online} channel, a share of the customers books on the portal instead: the job's intake
 * questions answered, the code texted to their phone read off Kafka, the window one the portal offers that day (for a
 * day already past, which history books, the window they would have picked then). A customer whose code never comes
 * calls in after all.
 */
final class Booker {

    /** The portal and the share of customers who use it; the clock says which days are past. */
    record Online(PortalClient portal, double share, Clock clock) {
    }

    static final String[] FIRST = {"Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
            "Kira", "Liam", "Maya", "Nico", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wes",
            "Ximena", "Yusuf", "Zoe"};
    static final String[] LAST = {"Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Gomez", "Hill", "Ito",
            "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okoye", "Park", "Rossi", "Silva", "Tanaka", "Weber"};

    private final DispatchClient dispatch;
    private final RoadNetwork roads;
    private final long seed;
    private final Stats stats;
    private final Online online;
    private Map<String, Map<String, String>> onlineJobs;

    Booker(DispatchClient dispatch, RoadNetwork roads, long seed, Stats stats) {
        this(dispatch, roads, seed, stats, null);
    }

    Booker(DispatchClient dispatch, RoadNetwork roads, long seed, Stats stats, Online online) {
        this.dispatch = dispatch;
        this.roads = roads;
        this.seed = seed;
        this.stats = stats;
        this.online = online != null && online.share() > 0 ? online : null;
    }

    /** Books about {@code target} visits on {@code date}; returns how many were booked. */
    int book(Company company, LocalDate date, int target, List<String> jobTypes) {
        SplittableRandom rng = Seeds.stream(seed, "bookings", date);
        List<ZonedDateTime[]> windows = windows(company, date);
        List<GeoPoint> homes = roads.randomResidentialPoints(target * 3, Seeds.stream(seed, "homes", date).nextLong());
        // Its own stream: without the portal, the customers and their calls are the same as before it.
        SplittableRandom channel = Seeds.stream(seed, "channel", date);
        boolean past = online != null && date.isBefore(LocalDate.ofInstant(online.clock().instant(), company.zone));
        int booked = 0;
        for (int attempt = 0; attempt < homes.size() && booked < target; attempt++) {
            GeoPoint home = homes.get(attempt);
            String job = jobTypes.get(rng.nextInt(jobTypes.size()));
            ZonedDateTime[] window = windows.get(rng.nextInt(windows.size()));
            String first = FIRST[rng.nextInt(FIRST.length)];
            String name = first + " " + LAST[rng.nextInt(LAST.length)];
            String phone = "+1555" + String.format("%07d", rng.nextInt(10_000_000));
            String address = (1 + rng.nextInt(250)) + " Sim Street, block " + attempt;
            if (online != null && channel.nextDouble() < online.share()) {
                Boolean done = bookOnline(name, phone, address, home, job, window, date, past);
                if (done != null) {
                    booked += done ? 1 : 0;
                    continue;
                }
            }
            try {
                var result = dispatch.book(name, phone, address, home.lat(), home.lon(), job,
                        window[0].toInstant(), window[1].toInstant(), company.territory.id());
                if (result == null) {
                    stats.bookingRefused.incrementAndGet();
                } else {
                    booked++;
                    stats.booked.incrementAndGet();
                }
            } catch (ApiCallException e) {
                if (e.status() == 400 && e.getMessage().contains("past")) {
                    throw new IllegalStateException("dispatch refuses windows in the past; history days lie "
                            + "before today, so start dispatch-service with FIELDCAST_BOOKING_MIN_LEAD_TIME=-P30D "
                            + "(see infra/simulator/README.md): " + e.getMessage(), e);
                }
                if (e.status() == 400) {
                    // A customer the API refuses (e.g. address off the map): the dispatcher would say so and move on.
                    stats.bookingRefused.incrementAndGet();
                    Log.debug("booking refused: " + e.getMessage());
                } else {
                    stats.errors.incrementAndGet();
                    Log.warn("booking failed: " + e.getMessage());
                }
            }
        }
        return booked;
    }

    /**
     * One customer on the booking page: true when booked, false when refused (no window that day, a limit), null
     * when they could not book online (the job is not bookable online, no code came) and call in instead.
     */
    private Boolean bookOnline(String name, String phone, String address, GeoPoint home, String job,
                               ZonedDateTime[] wanted, LocalDate date, boolean past) {
        try {
            if (onlineJobs == null) {
                onlineJobs = online.portal().jobTypes();
            }
            Map<String, String> answers = onlineJobs.get(job);
            if (answers == null) {
                return null;
            }
            Instant[] window = {wanted[0].toInstant(), wanted[1].toInstant()};
            if (!past) {
                List<Instant[]> offered = online.portal().slots(home.lat(), home.lon(), job, date);
                if (offered.isEmpty()) {
                    stats.bookingRefused.incrementAndGet();
                    return false;
                }
                Instant start = window[0];
                window = offered.stream().filter(w -> w[0].equals(start)).findFirst().orElse(offered.getFirst());
            }
            PortalClient.Result result = online.portal().book(name, phone, address, home.lat(), home.lon(), job,
                    answers, window[0], window[1]);
            switch (result.outcome()) {
                case BOOKED -> {
                    stats.booked.incrementAndGet();
                    stats.bookedOnline.incrementAndGet();
                    return true;
                }
                case NO_CODE -> {
                    Log.warn("portal: " + result.detail() + "; the customer calls in");
                    return null;
                }
                default -> {
                    stats.bookingRefused.incrementAndGet();
                    Log.debug("portal booking refused: " + result.detail());
                    return false;
                }
            }
        } catch (ApiCallException e) {
            stats.errors.incrementAndGet();
            Log.warn("portal booking failed: " + e.getMessage());
            return false;
        }
    }

    /** The territory's window profile ("08:00-12:00,12:00-16:00") on that date. */
    static List<ZonedDateTime[]> windows(Company company, LocalDate date) {
        List<ZonedDateTime[]> result = new ArrayList<>();
        String profile = company.territory.windowProfile();
        if (profile == null || profile.isBlank()) {
            profile = "08:00-12:00,12:00-16:00";
        }
        for (String range : profile.split(",")) {
            String[] p = range.trim().split("-");
            result.add(new ZonedDateTime[]{date.atTime(LocalTime.parse(p[0])).atZone(company.zone),
                    date.atTime(LocalTime.parse(p[1])).atZone(company.zone)});
        }
        return result;
    }
}
