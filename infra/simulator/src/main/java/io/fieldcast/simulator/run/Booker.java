package io.fieldcast.simulator.run;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.simulator.api.ApiCallException;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.world.Seeds;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Customers calling in: books a day's appointments through dispatch's API at residential addresses, in the
 * territory's windows, with job types drawn from the catalogue. A 409 (no capacity) is what a dispatcher would hear
 * too: the call moves on to another window or job.
 */
final class Booker {

    static final String[] FIRST = {"Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
            "Kira", "Liam", "Maya", "Nico", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wes",
            "Ximena", "Yusuf", "Zoe"};
    static final String[] LAST = {"Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Gomez", "Hill", "Ito",
            "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okoye", "Park", "Rossi", "Silva", "Tanaka", "Weber"};

    private final DispatchClient dispatch;
    private final RoadNetwork roads;
    private final long seed;
    private final Stats stats;

    Booker(DispatchClient dispatch, RoadNetwork roads, long seed, Stats stats) {
        this.dispatch = dispatch;
        this.roads = roads;
        this.seed = seed;
        this.stats = stats;
    }

    /** Books about {@code target} visits on {@code date}; returns how many were booked. */
    int book(Company company, LocalDate date, int target, List<String> jobTypes) {
        SplittableRandom rng = Seeds.stream(seed, "bookings", date);
        List<ZonedDateTime[]> windows = windows(company, date);
        List<GeoPoint> homes = roads.randomResidentialPoints(target * 3, Seeds.stream(seed, "homes", date).nextLong());
        int booked = 0;
        for (int attempt = 0; attempt < homes.size() && booked < target; attempt++) {
            GeoPoint home = homes.get(attempt);
            String job = jobTypes.get(rng.nextInt(jobTypes.size()));
            ZonedDateTime[] window = windows.get(rng.nextInt(windows.size()));
            String first = FIRST[rng.nextInt(FIRST.length)];
            String name = first + " " + LAST[rng.nextInt(LAST.length)];
            String phone = "+1555" + String.format("%07d", rng.nextInt(10_000_000));
            String address = (1 + rng.nextInt(250)) + " Sim Street, block " + attempt;
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
