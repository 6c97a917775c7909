package io.fieldcast.eta.ops;

import io.fieldcast.eta.ops.OpsReport.Figure;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every figure of the operations page from the read model's rows of a range (pure: the tests and the service run
 * the same code). Bookings count on the day they were made; everything about an appointment's visit counts on the
 * day of its booked window; utilization, travel and overtime on the technician-day.
 */
public final class OpsMetrics {

    private OpsMetrics() {
    }

    public static OpsReport of(Facts facts, LocalDate from, LocalDate to, String territory, Duration lateCancel,
                               Instant generatedAt) {
        Tally all = new Tally();
        Map<LocalDate, Tally> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new Tally());
        }
        Map<String, Tally> territories = new TreeMap<>();
        Map<String, Tally> technicians = new TreeMap<>();
        Map<String, String> homeOf = new TreeMap<>();
        for (Facts.Appointment a : facts.appointments()) {
            if (within(a.bookedDay(), from, to)) {
                all.booked(a);
                days.get(a.bookedDay()).booked(a);
                slice(territories, a.territory()).booked(a);
            }
            if (within(a.serviceDay(), from, to)) {
                all.served(a, lateCancel);
                days.get(a.serviceDay()).served(a, lateCancel);
                slice(territories, a.territory()).served(a, lateCancel);
                if (a.technician() != null) {
                    slice(technicians, a.technician()).served(a, lateCancel);
                }
            }
        }
        for (Facts.Searches s : facts.searches()) {
            if (within(s.day(), from, to)) {
                all.searched(s);
                days.get(s.day()).searched(s);
                slice(territories, s.territory()).searched(s);
            }
        }
        double[][] work = new double[7][RouteFacts.HOURS];
        double[][] shift = new double[7][RouteFacts.HOURS];
        facts.techDays().stream().sorted(Comparator.comparing(Facts.TechDay::day)).forEach(d -> {
            all.worked(d);
            days.get(d.day()).worked(d);
            slice(territories, d.territory()).worked(d);
            slice(technicians, d.technician()).worked(d);
            homeOf.put(d.technician(), d.territory());
            int weekday = d.day().getDayOfWeek().getValue() - 1;
            for (int h = 0; h < RouteFacts.HOURS; h++) {
                work[weekday][h] += d.workByHour()[h];
                shift[weekday][h] += d.shiftByHour()[h];
            }
        });
        return new OpsReport(from, to, territory, generatedAt, summary(all),
                rows(days, OpsMetrics::day), rows(technicians, (id, t) -> technician(id, homeOf.get(id), t)),
                rows(territories, OpsMetrics::territory), heatmap(work, shift));
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    private static Tally slice(Map<String, Tally> slices, String key) {
        return slices.computeIfAbsent(key == null ? "unknown" : key, k -> new Tally());
    }

    private static <K, R> List<R> rows(Map<K, Tally> slices, java.util.function.BiFunction<K, Tally, R> row) {
        List<R> out = new ArrayList<>();
        slices.forEach((key, tally) -> out.add(row.apply(key, tally)));
        return out;
    }

    static List<Figure> summary(Tally t) {
        List<Figure> out = new ArrayList<>();
        out.add(count("bookings", "bookings made", t.bookings));
        t.bookingsByChannel.forEach((channel, n) -> out.add(new Figure("bookings." + channel,
                "bookings on the " + channel, Tally.share(n, t.bookings), (double) n, (double) t.bookings, "share")));
        out.add(count("searches", "slot searches made", t.searches));
        t.searchesByChannel.forEach((channel, n) -> out.add(new Figure("conversion." + channel,
                "slot searches on the " + channel + " → bookings there", t.conversion(channel),
                (double) t.bookingsByChannel.getOrDefault(channel, 0), (double) n, "share")));
        out.add(share("emptySearchRate", "slot searches that found no window", t.emptySearches, t.searches));
        out.add(new Figure("leadHoursP50", "lead time p50 (booking → window start)",
                Tally.quantile(t.leadHours, 0.5), null, (double) t.leadHours.size(), "hours"));
        out.add(new Figure("leadHoursP90", "lead time p90", Tally.quantile(t.leadHours, 0.9), null,
                (double) t.leadHours.size(), "hours"));
        out.add(count("appointments", "appointments with a window in the range", t.appointments));
        out.add(share("noShowRate", "no-show rate (nobody home)", t.noShows, t.outcomes));
        out.add(share("lateCancelRate", "late-cancel rate", t.lateCancels, t.appointments));
        out.add(share("rescheduleRate", "reschedule rate", t.rescheduled, t.appointments));
        out.add(share("utilization", "utilization (planned work / shift)", t.workMinutes, t.shiftMinutes));
        out.add(share("onTimeRate", "on time (arrival inside the booked window)", t.onTime, t.arrivals));
        out.add(share("promiseKeptRate", "promise kept (arrival inside the last window texted)", t.promiseKept,
                t.toldArrivals));
        out.add(share("firstVisitRate", "first-visit completion", t.firstVisitCompleted, t.outcomes));
        out.add(new Figure("travelMinutesPerVisit", "planned travel per visit", t.travelPerVisit(), t.travelMinutes,
                (double) t.plannedVisits, "minutes"));
        out.add(new Figure("overtimeMinutes", "overtime", t.overtimeMinutes, (double) t.overtimeDays,
                (double) t.techDays, "minutes"));
        out.add(new Figure("textsPerVisit", "texts per visit", t.textsPerVisit(), (double) t.textsSent,
                (double) t.visits, "texts"));
        out.add(count("textsFailed", "texts that failed", t.textsFailed));
        out.add(share("adminTouchRate", "admin touch (changed by a dispatcher)", t.touchedByDispatcher,
                t.appointments));
        out.add(share("customerTouchRate", "changed by the customer only", t.touchedByCustomerOnly, t.appointments));
        out.add(share("systemTouchRate", "changed by the system only", t.touchedBySystemOnly, t.appointments));
        out.add(share("unknownTouchRate", "changed, by whom not known (older events)", t.touchedUnknown,
                t.appointments));
        return out;
    }

    private static Figure count(String key, String label, int n) {
        return new Figure(key, label, (double) n, null, null, "count");
    }

    private static Figure share(String key, String label, double n, double of) {
        return new Figure(key, label, Tally.share(n, of), n, of, "share");
    }

    private static OpsReport.Day day(LocalDate day, Tally t) {
        int console = t.bookingsByChannel.getOrDefault("console", 0);
        int portal = t.bookingsByChannel.getOrDefault("portal", 0);
        return new OpsReport.Day(day, t.bookings, console, portal, t.bookings - console - portal,
                t.searchesByChannel.getOrDefault("console", 0), t.searchesByChannel.getOrDefault("portal", 0),
                t.conversion("portal"), t.emptySearches, t.appointments,
                t.canceled, t.lateCancels, t.rescheduled, t.outcomes, t.noShows, t.noShowRate(), t.arrivals,
                t.onTimeRate(), t.toldArrivals, t.promiseKeptRate(), t.firstVisitRate(), t.workMinutes,
                t.shiftMinutes, t.utilization(), t.overtimeMinutes, t.textsSent, t.adminTouchRate());
    }

    private static OpsReport.Technician technician(String id, String territory, Tally t) {
        return new OpsReport.Technician(id, territory, t.techDays, t.plannedVisits, t.workMinutes, t.shiftMinutes,
                t.utilization(), t.travelPerVisit(), t.overtimeMinutes, t.overtimeDays, t.arrivals, t.onTimeRate(),
                t.promiseKeptRate(), t.outcomes, t.firstVisitRate(), t.noShows);
    }

    private static OpsReport.Territory territory(String id, Tally t) {
        return new OpsReport.Territory(id, t.technicians.size(), t.techDays, t.bookings, t.searches,
                t.conversion(), t.appointments,
                t.utilization(), t.travelPerVisit(), t.overtimeMinutes, t.onTimeRate(), t.promiseKeptRate(),
                t.noShowRate(), t.lateCancelRate(), t.rescheduleRate(), t.firstVisitRate(), t.textsPerVisit(),
                t.adminTouchRate());
    }

    private static List<OpsReport.HeatCell> heatmap(double[][] work, double[][] shift) {
        List<OpsReport.HeatCell> cells = new ArrayList<>();
        Function<Integer, String> name = d -> DayOfWeek.of(d).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < RouteFacts.HOURS; h++) {
                cells.add(new OpsReport.HeatCell(d + 1, name.apply(d + 1), h, work[d][h], shift[d][h],
                        Tally.share(work[d][h], shift[d][h])));
            }
        }
        return cells;
    }
}
