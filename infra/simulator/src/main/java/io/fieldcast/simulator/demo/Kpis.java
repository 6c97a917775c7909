package io.fieldcast.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The day's figures, from what really happened (the simulator's truth: arrivals, driving, the way home) set against
 * what was promised (dispatch's booked windows, customer-notify's last window told to each customer) and what was
 * sent (customer-notify's outbox).
 *
 * @param date           the played day
 * @param visits         appointments of the day that were not canceled
 * @param completed      visits completed
 * @param arrived        visits the technician reached
 * @param onTimePct      arrivals by the end of the booked window (not late), % of arrivals
 * @param told           arrivals whose customer had been told a narrowed window
 * @param inToldPct      of those, arrivals inside the last window told, %
 * @param earlyOfToldPct of those, arrivals before the window told (the customer may not be home yet), %
 * @param toldWidthMin   mean width of the last window told, minutes
 * @param travelHours    hours driven to visits
 * @param serviceHours   hours of work at the visits (the day's load, which the simulated people draw afresh whenever
 *                       a visit lands on another technician: overtime is read against it)
 * @param waitHours      hours parked outside before ringing (a told window not open yet)
 * @param overtimeHours  hours back home after the shift's end, summed over technicians
 * @param texts          texts and e-mails handed to the carrier for the day's appointments
 * @param textsByKind    the same by kind
 * @param forecast       eta-service's own evaluation of the day ({@code GET /api/report}): the coverage and
 *                       hit rate of the first windows sent, or null when eta-service did not answer
 * @param routeVersions  routes sent to each technician for the day (1 = never re-sent), median and maximum
 * @param toldUnreached  visits (not canceled) whose customer was told a narrowed window and that nobody reached: a
 *                       promise broken outright, which no share of arrivals counts
 */
public record Kpis(LocalDate date, int visits, int completed, int arrived, double onTimePct, int told,
                   double inToldPct, double earlyOfToldPct, double toldWidthMin, double travelHours,
                   double serviceHours, double waitHours, double overtimeHours, int texts,
                   Map<String, Integer> textsByKind, Forecast forecast, DispatchClient.RouteVersions routeVersions,
                   int toldUnreached) {

    /**
     * The first 60-minute window each customer was sent, scored by eta-service against the arrival it learned:
     * {@code coverage} = share of the day's arrived visits whose first window went out >= 60 min ahead,
     * {@code hitRate} = share of those whose arrival fell inside it, {@code hitRateLow95..hitRateHigh95} its 95 %
     * interval (one day's few dozen visits know it to a few points only); {@code byJobsAhead}: the covered first
     * windows by the jobs ahead when they were told, as {@code 0:hits/n,1:hits/n,...} (empty when none recorded);
     * {@code notCovered}: the arrived visits whose first window did not go out an hour ahead, by the last reason it
     * was held back, as {@code long_wait:n,unlikely:n,...} (empty when none).
     */
    public record Forecast(int visits, int covered, double coverage, Double hitRate, Double maeMinutes,
                           Double leadMinutesP50, Double hitRateLow95, Double hitRateHigh95, String byJobsAhead,
                           String notCovered) {
    }

    static Kpis measure(DispatchClient dispatcher, HttpApi notify, HttpApi eta, DispatchClient.Territory territory,
                        LocalDate date, Path truthFile) throws IOException {
        ZoneId zone = ZoneId.of(territory.timeZone());
        List<DispatchClient.PlannedAppointment> day = dispatcher.day(territory.id(), date).stream()
                .filter(a -> !"CANCELED".equals(a.status())).toList();
        Map<UUID, DispatchClient.PlannedAppointment> byId = day.stream()
                .collect(Collectors.toMap(DispatchClient.PlannedAppointment::id, a -> a));

        List<JsonNode> visitLines = new ArrayList<>();
        Map<String, JsonNode> techDays = new HashMap<>();
        for (String line : Files.readAllLines(truthFile)) {
            JsonNode t = Json.MAPPER.readTree(line);
            if (!date.toString().equals(t.path("date").asText())) {
                continue;
            }
            switch (t.path("type").asText()) {
                case "visit" -> visitLines.add(t);
                case "day" -> techDays.put(t.path("technicianId").asText(), t);
                default -> { }
            }
        }
        Map<UUID, String> assigned = new HashMap<>();
        day.forEach(a -> assigned.put(a.id(), a.technicianId()));
        Map<UUID, JsonNode> visits = realized(visitLines, assigned);

        String token = dispatcher.bearer();
        int completed = 0;
        int arrived = 0;
        int onTime = 0;
        int told = 0;
        int inTold = 0;
        int earlyOfTold = 0;
        double toldMinutes = 0;
        double driveSeconds = 0;
        double serviceMinutes = 0;
        double waitSeconds = 0;
        for (var e : visits.entrySet()) {
            JsonNode v = e.getValue();
            DispatchClient.PlannedAppointment a = byId.get(e.getKey());
            driveSeconds += v.path("driveSeconds").asDouble();
            serviceMinutes += v.path("serviceMinutes").asDouble();
            waitSeconds += waited(v);
            if ("COMPLETED".equals(v.path("outcome").asText())) {
                completed++;
            }
            Instant arrival = instant(v, "arrivedAt");
            if (a == null || arrival == null) {
                continue;
            }
            arrived++;
            if (!arrival.isAfter(a.windowEnd())) {
                onTime++; // not late; nobody arrives much before the window (the simulated people wait outside)
            }
            JsonNode contact = contact(notify, token, a.id());
            Instant toldStart = instant(contact, "toldStart");
            Instant toldEnd = instant(contact, "toldEnd");
            if (toldStart != null && toldEnd != null) {
                told++;
                toldMinutes += Duration.between(toldStart, toldEnd).toSeconds() / 60.0;
                if (arrival.isBefore(toldStart)) {
                    earlyOfTold++;
                } else if (!arrival.isAfter(toldEnd)) {
                    inTold++;
                }
            }
        }

        int toldUnreached = 0;
        for (DispatchClient.PlannedAppointment a : day) {
            JsonNode v = visits.get(a.id());
            if (v != null && instant(v, "arrivedAt") != null) {
                continue;
            }
            if (instant(contact(notify, token, a.id()), "toldStart") != null) {
                toldUnreached++;
            }
        }

        Map<String, String> shiftEnds = new HashMap<>();
        for (DispatchClient.Technician t : dispatcher.technicians(territory.id())) {
            String range = t.weeklyShifts().get(date.getDayOfWeek().name());
            if (range != null && range.contains("-")) {
                shiftEnds.put(t.id(), range.substring(range.indexOf('-') + 1).trim());
            }
        }
        double overtimeSeconds = 0;
        for (var e : techDays.entrySet()) {
            Instant home = instant(e.getValue(), "backHomeAt");
            String end = shiftEnds.get(e.getKey());
            if (home != null && end != null) {
                Instant shiftEnd = date.atTime(LocalTime.parse(end)).atZone(zone).toInstant();
                overtimeSeconds += Math.max(0, Duration.between(shiftEnd, home).toSeconds());
            }
        }

        Map<String, Integer> byKind = new TreeMap<>();
        for (JsonNode m : notify.call("GET", "/api/outbox?limit=1000", null, token, Set.of(200)).body()) {
            String appointment = m.path("appointmentId").asText("");
            if (!appointment.isEmpty() && byId.containsKey(UUID.fromString(appointment))
                    && m.hasNonNull("handedAt")) {
                byKind.merge(m.path("kind").asText(), 1, Integer::sum);
            }
        }
        int texts = byKind.values().stream().mapToInt(Integer::intValue).sum();
        return new Kpis(date, day.size(), completed, arrived, pct(onTime, arrived), told, pct(inTold, told),
                pct(earlyOfTold, told),
                told == 0 ? 0 : toldMinutes / told, driveSeconds / 3600, serviceMinutes / 60, waitSeconds / 3600,
                overtimeSeconds / 3600, texts, byKind,
                forecast(eta, token, date), dispatcher.routeVersions(territory.id(), date), toldUnreached);
    }

    /**
     * What happened to each visit: of the truth's lines for it (a day is simulated ahead and again from every re-plan
     * the phone picks up), the last one written by the technician the platform has it assigned to at the end. A visit
     * re-planned away from a technician keeps that technician's earlier line, which never happened: without this, a
     * visit the re-plan left unassigned counted as done by its first technician, drive and arrival included.
     */
    static Map<UUID, JsonNode> realized(List<JsonNode> visitLines, Map<UUID, String> assigned) {
        Map<UUID, JsonNode> out = new HashMap<>();
        for (JsonNode v : visitLines) {
            UUID id = UUID.fromString(v.path("appointmentId").asText());
            String technician = assigned.get(id);
            if (technician != null && technician.equals(v.path("technicianId").asText())) {
                out.put(id, v);
            }
        }
        return out;
    }

    /** Seconds a visit's van stood parked before the technician rang: departed + drive to arrived. */
    static double waited(JsonNode visit) {
        Instant departed = instant(visit, "departedAt");
        Instant arrived = instant(visit, "arrivedAt");
        if (departed == null || arrived == null) {
            return 0;
        }
        double parkedToRing = Duration.between(departed, arrived).toMillis() / 1000.0
                - visit.path("driveSeconds").asDouble();
        return Math.max(0, parkedToRing);
    }

    private static Forecast forecast(HttpApi eta, String token, LocalDate date) {
        if (eta == null) {
            return null;
        }
        try {
            JsonNode report = eta.call("GET", "/api/report?from=" + date + "&to=" + date, null, token, Set.of(200))
                    .body();
            JsonNode h = report.path("headline");
            List<String> ahead = new ArrayList<>();
            for (JsonNode bin : report.path("byJobsAhead")) {
                ahead.add(bin.path("key").asText() + ":" + bin.path("hits").asInt() + "/" + bin.path("n").asInt());
            }
            List<String> notCovered = new ArrayList<>();
            for (JsonNode count : report.path("notCovered")) {
                notCovered.add(count.path("code").asText("other") + ":" + count.path("n").asInt());
            }
            return new Forecast(h.path("visits").asInt(), h.path("covered").asInt(), h.path("coverage").asDouble(),
                    number(h, "hitRate"), number(h, "maeMinutes"), number(h, "leadMinutesP50"),
                    number(h, "hitRateLow95"), number(h, "hitRateHigh95"), String.join(",", ahead),
                    String.join(",", notCovered));
        } catch (RuntimeException e) {
            // The KPIs of the day stand without it; say so rather than fail the demo at its last step.
            System.err.println("demo: eta-service's report did not answer: " + e.getMessage());
            return null;
        }
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "  %-14s %d booked, %d completed, %d reached%n", "visits", visits, completed, arrived);
        out.printf(Locale.ROOT, "  %-14s %.1f %% of arrivals by the end of the booked window (not late)%n", "on time",
                onTimePct);
        out.printf(Locale.ROOT, "  %-14s %.1f %% of arrivals inside the last window told to the customer, %.1f %% "
                        + "before it, %.1f %% after it (%d customers told, mean width %.0f min); %d told and never "
                        + "reached%n", "narrow window",
                inToldPct, earlyOfToldPct, told == 0 ? 0 : 100 - inToldPct - earlyOfToldPct, told, toldWidthMin,
                toldUnreached);
        if (forecast != null) {
            out.printf(Locale.ROOT, "  %-14s first 60-minute window sent >= 60 min ahead for %.1f %% of %d arrivals "
                            + "(coverage), %s of those arrived inside it (hit rate); mean error %s, lead p50 %s%n",
                    "forecast", 100 * forecast.coverage(), forecast.visits(), forecast.hitRate() == null ? "none"
                            : String.format(Locale.ROOT, "%.1f %%%s", 100 * forecast.hitRate(),
                            forecast.hitRateLow95() == null ? "" : String.format(Locale.ROOT,
                                    " (95 %% interval %.0f-%.0f %% over %d visits)", 100 * forecast.hitRateLow95(),
                                    100 * forecast.hitRateHigh95(), forecast.covered())),
                    minutes(forecast.maeMinutes()), minutes(forecast.leadMinutesP50()));
        }
        out.printf(Locale.ROOT, "  %-14s %d routes per technician (median), %d at most: the first plan and each "
                + "re-plan that changed the route materially%n", "route versions", routeVersions.p50(),
                routeVersions.max());
        out.printf(Locale.ROOT, "  %-14s %.1f h driving to visits%n", "travel", travelHours);
        out.printf(Locale.ROOT, "  %-14s %.1f h at the visits, %.1f h parked outside before ringing%n", "work",
                serviceHours, waitHours);
        out.printf(Locale.ROOT, "  %-14s %.1f h after shift ends%n", "overtime", overtimeHours);
        out.printf(Locale.ROOT, "  %-14s %d  %s%n", "texts sent", texts, textsByKind.entrySet().stream()
                .map(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        out.println(line());
    }

    /** What customer-notify last told the appointment's customer ({@code toldStart}, {@code toldEnd}; 404: nothing). */
    private static JsonNode contact(HttpApi notify, String token, UUID appointmentId) {
        return notify.call("GET", "/api/appointments/" + appointmentId + "/contact", null, token, Set.of(200, 404))
                .body();
    }

    /** The one-line summary scripts read. */
    String line() {
        return String.format(Locale.ROOT, "DEMO date=%s visits=%d completed=%d arrived=%d on_time_pct=%.1f "
                        + "in_told_window_pct=%.1f before_told_pct=%.1f told=%d window_min=%.0f travel_h=%.1f "
                        + "service_h=%.1f wait_h=%.1f overtime_h=%.1f texts=%d route_versions_p50=%d "
                        + "route_versions_max=%d",
                date, visits, completed, arrived, onTimePct, inToldPct, earlyOfToldPct, told, toldWidthMin,
                travelHours, serviceHours, waitHours, overtimeHours, texts, routeVersions.p50(), routeVersions.max())
                + (forecast == null ? "" : String.format(Locale.ROOT, " eta_coverage=%.3f eta_hit_rate=%s",
                forecast.coverage(), forecast.hitRate() == null ? "none"
                        : String.format(Locale.ROOT, "%.3f", forecast.hitRate())))
                + (forecast == null || forecast.hitRateLow95() == null ? "" : String.format(Locale.ROOT,
                " eta_covered=%d eta_hit_low95=%.3f eta_hit_high95=%.3f", forecast.covered(),
                forecast.hitRateLow95(), forecast.hitRateHigh95()))
                // The counts behind the shares, so that runs pool exactly (./fieldcast bench promise).
                + String.format(Locale.ROOT, " in_told=%d before_told=%d told_unreached=%d", count(inToldPct, told),
                count(earlyOfToldPct, told), toldUnreached)
                + (forecast == null ? "" : String.format(Locale.ROOT, " eta_visits=%d eta_hits=%d", forecast.visits(),
                forecast.hitRate() == null ? 0 : Math.round(forecast.hitRate() * forecast.covered())))
                + (forecast == null || forecast.byJobsAhead() == null || forecast.byJobsAhead().isEmpty() ? ""
                : " eta_ahead=" + forecast.byJobsAhead())
                + (forecast == null || forecast.notCovered() == null || forecast.notCovered().isEmpty() ? ""
                : " eta_not_covered=" + forecast.notCovered());
    }

    /** The number of {@code whole} that {@code pct} percent of it is (the percentages here are ratios of counts). */
    private static long count(double pct, int whole) {
        return Math.round(pct * whole / 100);
    }

    private static String minutes(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f min", value);
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : Instant.parse(v.asText());
    }
}
