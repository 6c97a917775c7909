package io.fieldcast.eta.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The operations page's figures over a date range: headline figures, and the tables the page draws and exports
 * (every row a flat record, so each table is one CSV).
 */
public record OpsReport(LocalDate from, LocalDate to, String territory, Instant generatedAt, List<Figure> summary,
                        List<Day> daily, List<Technician> technicians, List<Territory> territories,
                        List<HeatCell> heatmap) {

    /** A headline figure: {@code value} is {@code numerator / denominator} for shares, null when nothing counted. */
    public record Figure(String key, String label, Double value, Double numerator, Double denominator, String unit) {
    }

    /**
     * One day of the range: bookings and slot searches made that day ({@code conversionPortal}: bookings on the
     * booking page per search there), appointments whose window falls on it, technician-days.
     */
    public record Day(LocalDate day, int bookings, int bookingsConsole, int bookingsPortal, int bookingsOther,
                      int searchesConsole, int searchesPortal, Double conversionPortal, int emptySearches,
                      int appointments, int canceled, int lateCancels, int rescheduled, int outcomes, int noShows,
                      Double noShowRate, int arrivals, Double onTimeRate, int toldArrivals, Double promiseKeptRate,
                      Double firstVisitRate, double workMinutes, double shiftMinutes, Double utilization,
                      double overtimeMinutes, int textsSent, Double adminTouchRate) {
    }

    public record Technician(String technician, String territory, int days, int plannedVisits, double workMinutes,
                             double shiftMinutes, Double utilization, Double travelMinutesPerVisit,
                             double overtimeMinutes, int overtimeDays, int arrivals, Double onTimeRate,
                             Double promiseKeptRate, int outcomes, Double firstVisitRate, int noShows) {
    }

    /** {@code conversion}: bookings per slot search, over the channels that count their searches. */
    public record Territory(String territory, int technicians, int techDays, int bookings, int searches,
                            Double conversion, int appointments,
                            Double utilization, Double travelMinutesPerVisit, double overtimeMinutes,
                            Double onTimeRate, Double promiseKeptRate, Double noShowRate, Double lateCancelRate,
                            Double rescheduleRate, Double firstVisitRate, Double textsPerVisit,
                            Double adminTouchRate) {
    }

    /** Planned work against shift in one local hour of one weekday (1 = Monday) over the range. */
    public record HeatCell(int weekday, String weekdayName, int hour, double workMinutes, double shiftMinutes,
                           Double utilization) {
    }
}
