package io.fieldcast.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.bench.fuzz.World.Kind;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Plausible values for a named parameter or field: ids of the seeded company (the caller's own territory or
 * technician, the other ones, unknown ones) and well-formed dates, times, phones and coordinates. What a valid-shaped
 * request is made of; the generator breaks them.
 */
final class Values {

    static final double CENTER_LAT = 45.0;
    static final double CENTER_LON = -30.0;

    private final World world;
    private final Random random;
    private final ZoneId zone;

    Values(World world, Random random, ZoneId zone) {
        this.world = world;
        this.random = random;
        this.zone = zone;
    }

    /**
     * A value for {@code name} (a path, query or body name) on {@code path}, for {@code who}; {@code cross} picks
     * the other territory's or technician's ids; {@code changing} keeps the bench's own token holders out.
     */
    Object named(String name, String path, JsonNode schema, Identity who, boolean cross, boolean changing) {
        String n = name.toLowerCase(Locale.ROOT);
        String onPath = path.toLowerCase(Locale.ROOT);
        if (n.equals("territory") || n.equals("territoryid")) {
            return territory(cross);
        }
        if (n.equals("technicianid") || n.equals("id") && onPath.startsWith("/api/technicians/")) {
            return technician(who, cross, changing);
        }
        if (n.equals("appointmentid") || n.equals("id") && onPath.contains("/appointments")) {
            return pick(ids(Kind.APPOINTMENT, who, cross), UUID.randomUUID().toString());
        }
        if (n.equals("customerid") || n.equals("id") && onPath.contains("/customers")) {
            if (changing && who.scope() == Identity.Scope.ALL) {
                // An admin may book a customer of B in A: the customer then is A's too, rightly visible there, and
                // the world's owners would be wrong. Admins' changes take unknown customers only.
                return UUID.randomUUID().toString();
            }
            return pick(ids(Kind.CUSTOMER, who, cross), UUID.randomUUID().toString());
        }
        if (n.equals("username")) {
            List<String> names = new ArrayList<>(world.victimUsers);
            if (!changing) {
                names.addAll(world.protectedUsers);
            }
            return pick(names, "nobody-" + random.nextInt(100));
        }
        if (n.equals("q") || n.equals("query") || n.equals("search")) {
            List<String> names = ids(Kind.CUSTOMER_NAME, who, cross);
            names.addAll(ids(Kind.CUSTOMER_PHONE, who, cross));
            return pick(names, "Fuzz");
        }
        return byName(n, schema, who, cross);
    }

    private Object byName(String n, JsonNode schema, Identity who, boolean cross) {
        switch (n) {
            case "date", "firstday", "lastday", "day", "from", "to" -> {
                LocalDate date = world.day.plusDays(random.nextInt(3) - 1);
                return schema != null && "date-time".equals(schema.path("format").asText())
                        ? date.atStartOfDay(zone).toInstant().plus(java.time.Duration.ofHours(n.equals("to") ? 30 : 0))
                        .toString() : date.toString();
            }
            case "windowstart" -> {
                return world.day.atTime(LocalTime.of(12, 0)).atZone(zone).toInstant().toString();
            }
            case "windowend" -> {
                return world.day.atTime(LocalTime.of(16, 0)).atZone(zone).toInstant().toString();
            }
            case "devicetime", "at", "since", "until", "observedat" -> {
                return world.day.minusDays(1).atTime(LocalTime.of(10, random.nextInt(60))).atZone(zone).toInstant()
                        .toString();
            }
            case "lat", "homelat", "centerlat" -> {
                return CENTER_LAT + (random.nextDouble() - 0.5) * 0.06;
            }
            case "lon", "homelon", "centerlon" -> {
                return CENTER_LON + (random.nextDouble() - 0.5) * 0.06;
            }
            case "phone" -> {
                return "+1415555" + (1000 + random.nextInt(9000)); // never one of the seeded (+1212…) phones
            }
            case "timezone" -> {
                return zone.getId();
            }
            case "windowprofile" -> {
                return "08:00-12:00,12:00-16:00,16:00-20:00";
            }
            case "jobtype", "code" -> {
                return random.nextBoolean() ? "REPAIR" : "CHECK";
            }
            case "email" -> {
                return "fuzz" + random.nextInt(1000) + "@example.com";
            }
            case "language" -> {
                return random.nextBoolean() ? "en" : "es";
            }
            case "kind" -> {
                return enumOr(schema, random.nextBoolean() ? "person" : "integration");
            }
            case "roles" -> {
                return List.of(random.nextBoolean() ? "dispatcher" : "supervisor");
            }
            case "territories" -> {
                return List.of(territory(cross));
            }
            case "password", "newpassword", "currentpassword", "secret", "clientsecret" -> {
                return "fuzz-password-" + random.nextInt(1_000_000);
            }
            case "deviceid" -> {
                return "fuzz-phone-" + random.nextInt(5);
            }
            case "topic" -> {
                return pick(List.of("fieldcast.appointments", "fieldcast.routes", "fieldcast.tech-locations"), "x");
            }
            case "partition", "offset", "page" -> {
                return random.nextInt(3);
            }
            case "size", "limit" -> {
                return 1 + random.nextInt(50);
            }
            case "seconds" -> {
                return 1;
            }
            case "breakwindow" -> {
                return "11:30-14:00";
            }
            case "weeklyshifts" -> {
                return java.util.Map.of("MONDAY", "08:00-17:00", "SATURDAY", "07:00-21:00");
            }
            default -> {
                return null;
            }
        }
    }

    String territory(boolean cross) {
        int r = random.nextInt(20);
        if (cross || r < 6) {
            return world.territoryB;
        }
        return r < 18 ? world.territoryA : "fuzz-nowhere";
    }

    private String technician(Identity who, boolean cross, boolean changing) {
        List<String> pool = ids(Kind.TECHNICIAN, who, cross);
        if (who.isTechnician() && !cross) {
            pool = new ArrayList<>(List.of(who.technician()));
        }
        if (changing) {
            pool.removeAll(world.protectedTechnicians());
            if (who.scope() == Identity.Scope.ALL) {
                // Likewise an admin may move a technician to the other territory: seeded ones stay where they are.
                return "fuzz-tech-" + random.nextInt(20);
            }
        }
        return pick(pool, "fuzz-tech-unknown");
    }

    /**
     * Ids of a kind: the caller's own (territory A for A tokens, the technician's for a phone) or, when
     * {@code cross}, the others'; for admins and callers without a valid token, any.
     */
    List<String> ids(Kind kind, Identity who, boolean cross) {
        List<String> out = new ArrayList<>();
        world.owners().forEach((id, o) -> {
            if (o.kind() != kind) {
                return;
            }
            boolean own = switch (who.scope()) {
                case TERRITORY_A -> world.territoryA.equals(o.territory());
                case TECHNICIAN -> who.technician().equals(o.technician()) || who.technician().equals(id);
                case ALL, NONE -> true;
            };
            if (own != cross || who.scope() == Identity.Scope.ALL || who.scope() == Identity.Scope.NONE) {
                out.add(id);
            }
        });
        out.sort(null); // the world's map is unordered; the draw must not be
        return out;
    }

    <T> T pick(List<T> options, T fallback) {
        if (options.isEmpty() || random.nextInt(10) == 0) {
            return fallback;
        }
        return options.get(random.nextInt(options.size()));
    }

    private Object enumOr(JsonNode schema, String fallback) {
        if (schema != null && schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size())).asText();
        }
        return fallback;
    }

    LocalDate day() {
        return world.day;
    }
}
