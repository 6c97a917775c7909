package io.fieldcast.mobile.calendar;

import io.fieldcast.platform.security.Sha256;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.mobile.route.RouteStore;
import io.fieldcast.platform.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A technician's calendar feed: their published visits from a week back to a month ahead, as iCalendar, behind a
 * secret URL (256 random bits; only its SHA-256 is stored). Calendar apps poll it; the visits carry the customer's
 * first name, the address, the job, the window and the notes, as the phone shows them; canceled visits leave the feed.
 */
@ApplicationScoped
public class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DAYS_BACK = 7;
    private static final int DAYS_AHEAD = 31;

    /** The feed's URL, shown in the answer that issues it only. */
    public record Feed(String technicianId, String url) {
    }

    private final RouteStore routes;
    private final Clock clock;
    private final AuditLog audit;
    private final MobileSettings settings;

    public CalendarFeeds(RouteStore routes, Clock clock, AuditLog audit, MobileSettings settings) {
        this.routes = routes;
        this.clock = clock;
        this.audit = audit;
        this.settings = settings;
    }

    /** Issues (or replaces) the technician's feed, audited as {@code by}; its URL. */
    public Uni<Feed> issueAudited(String technicianId, String by) {
        return Panache.withTransaction(() -> issue(technicianId, by)
                .call(token -> audit.record("technician", technicianId, "CALENDAR_FEED_ISSUED", by, null, null,
                        null))
                .map(token -> new Feed(technicianId, settings.publicBaseUrl().replaceAll("/+$", "")
                        + "/calendar/" + token + ".ics")));
    }

    /** A new feed token for the technician (the old one stops working); the token itself is returned once. */
    public Uni<String> issue(String technicianId, String by) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into calendar_feed (technician_id, token_hash, created_at, created_by)
                        values (:tech, :hash, :at, :by)
                        on conflict (technician_id) do update set token_hash = excluded.token_hash,
                            created_at = excluded.created_at, created_by = excluded.created_by""")
                .setParameter("tech", technicianId).setParameter("hash", hash(token))
                .setParameter("at", clock.instant().atOffset(ZoneOffset.UTC)).setParameter("by", by)
                .executeUpdate()).replaceWith(token);
    }

    /** Revokes the technician's feed; whether there was one. */
    public Uni<Boolean> revoke(String technicianId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from calendar_feed where technician_id = :tech")
                .setParameter("tech", technicianId).executeUpdate()).map(n -> n > 0);
    }

    /** The technician a token opens, or null. */
    public Uni<String> technicianOf(String token) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select technician_id from calendar_feed where token_hash = :hash", String.class)
                .setParameter("hash", hash(token)).getResultList())
                .map(found -> found.isEmpty() ? null : found.getFirst());
    }

    /** The feed's text. */
    public Uni<String> calendar(String technicianId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return routes.between(technicianId, today.minusDays(DAYS_BACK), today.plusDays(DAYS_AHEAD))
                .chain(plans -> {
                    Set<UUID> ids = plans.stream().flatMap(p -> p.visits().stream())
                            .map(PlannedVisit::appointmentId).collect(Collectors.toSet());
                    return routes.canceled(ids).map(canceled -> write(technicianId, plans, canceled));
                });
    }

    private String write(String technicianId, List<RoutePlanned> plans, Set<UUID> canceled) {
        Instant now = clock.instant();
        Ics ics = new Ics().raw("BEGIN", "VCALENDAR").raw("VERSION", "2.0")
                .raw("PRODID", "-//Fieldcast//Technician calendar//EN").raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH").text("X-WR-CALNAME", "Fieldcast visits " + technicianId)
                .raw("X-PUBLISHED-TTL", "PT15M").raw("REFRESH-INTERVAL;VALUE=DURATION", "PT15M");
        for (RoutePlanned plan : plans) {
            for (PlannedVisit v : plan.visits()) {
                if (canceled.contains(v.appointmentId()) || v.plannedArrival() == null) {
                    continue;
                }
                Instant start = v.plannedArrival();
                Instant end = start.plus(Duration.ofMinutes(Math.max(1, v.plannedDurationMinutes())));
                String window = v.windowStart() == null ? "" : "Window " + v.windowStart() + " to " + v.windowEnd()
                        + " (UTC).";
                ics.raw("BEGIN", "VEVENT")
                        .text("UID", v.appointmentId() + "@fieldcast")
                        .time("DTSTAMP", now)
                        .time("DTSTART", start)
                        .time("DTEND", end)
                        .time("LAST-MODIFIED", plan.occurredAt())
                        .text("SUMMARY", v.jobType() + (v.customerFirstName() == null ? ""
                                : " · " + v.customerFirstName()))
                        .text("LOCATION", v.address())
                        .text("DESCRIPTION", (window + (v.notes() == null ? "" : "\n" + v.notes())).strip())
                        .raw("TRANSP", "OPAQUE")
                        .raw("END", "VEVENT");
            }
        }
        return ics.raw("END", "VCALENDAR").toString();
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
