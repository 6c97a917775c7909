package io.fieldcast.eta.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts of one slice of the range (all of it, a day, a territory, a technician), from which every figure of the
 * page is a share or a mean: one place that says what each metric counts.
 */
final class Tally {

    static final String UNKNOWN_CHANNEL = "unknown";

    final TreeMap<String, Integer> bookingsByChannel = new TreeMap<>();
    final TreeMap<String, Integer> searchesByChannel = new TreeMap<>();
    int searches;
    int emptySearches;
    final List<Double> leadHours = new ArrayList<>();
    int bookings;
    int appointments;
    int canceled;
    int lateCancels;
    int rescheduled;
    int outcomes;
    int noShows;
    int firstVisitCompleted;
    int arrivals;
    int onTime;
    int toldArrivals;
    int promiseKept;
    int visits;
    int textsSent;
    int textsFailed;
    int touchedByDispatcher;
    int touchedByCustomerOnly;
    int touchedBySystemOnly;
    int touchedUnknown;
    final Set<String> technicians = new HashSet<>();
    int techDays;
    int plannedVisits;
    double workMinutes;
    double shiftMinutes;
    double travelMinutes;
    double overtimeMinutes;
    int overtimeDays;

    /** An appointment booked on a day of the range. */
    void booked(Facts.Appointment a) {
        bookings++;
        bookingsByChannel.merge(a.channel() == null ? UNKNOWN_CHANNEL : a.channel(), 1, Integer::sum);
        Double lead = a.leadHours();
        if (lead != null) {
            leadHours.add(lead);
        }
    }

    /** Slot searches made on a day of the range. */
    void searched(Facts.Searches s) {
        searches += s.searches();
        emptySearches += s.empty();
        searchesByChannel.merge(s.channel(), s.searches(), Integer::sum);
    }

    /** Bookings made through {@code channel} per slot search made there (null without searches). */
    Double conversion(String channel) {
        int looked = searchesByChannel.getOrDefault(channel, 0);
        return share(bookingsByChannel.getOrDefault(channel, 0), looked);
    }

    /** Bookings through the channels that count their searches, per search. */
    Double conversion() {
        int booked = searchesByChannel.keySet().stream().mapToInt(c -> bookingsByChannel.getOrDefault(c, 0)).sum();
        return share(booked, searches);
    }

    /** An appointment whose booked window falls on a day of the range. */
    void served(Facts.Appointment a, Duration lateCancel) {
        appointments++;
        if (a.canceled()) {
            canceled++;
            lateCancels += a.canceledLate(lateCancel) ? 1 : 0;
        } else {
            visits++;
            textsSent += a.textsSent();
            textsFailed += a.textsFailed();
        }
        rescheduled += a.reschedules() > 0 ? 1 : 0;
        if (a.outcome() != null) {
            outcomes++;
            noShows += a.noShow() ? 1 : 0;
            firstVisitCompleted += Facts.Appointment.COMPLETED.equals(a.outcome()) ? 1 : 0;
        }
        if (a.arrivedAt() != null) {
            arrivals++;
            onTime += a.onTime() ? 1 : 0;
            if (a.toldArrival()) {
                toldArrivals++;
                promiseKept += a.promiseKept() ? 1 : 0;
            }
        }
        touched(a);
    }

    private void touched(Facts.Appointment a) {
        if (a.changesDispatcher() > 0) {
            touchedByDispatcher++;
        } else if (a.changesCustomer() > 0) {
            touchedByCustomerOnly++;
        } else if (a.changesSystem() > 0) {
            touchedBySystemOnly++;
        } else if (a.changesUnknown() > 0) {
            touchedUnknown++;
        }
    }

    void worked(Facts.TechDay d) {
        techDays++;
        technicians.add(d.technician());
        plannedVisits += d.visits();
        workMinutes += d.workMinutes();
        shiftMinutes += d.shiftMinutes();
        travelMinutes += d.travelMinutes();
        double overtime = d.overtimeMinutes();
        overtimeMinutes += overtime;
        overtimeDays += overtime > 0 ? 1 : 0;
    }

    Double utilization() {
        return share(workMinutes, shiftMinutes);
    }

    Double travelPerVisit() {
        return share(travelMinutes, plannedVisits);
    }

    Double onTimeRate() {
        return share(onTime, arrivals);
    }

    Double promiseKeptRate() {
        return share(promiseKept, toldArrivals);
    }

    Double noShowRate() {
        return share(noShows, outcomes);
    }

    Double firstVisitRate() {
        return share(firstVisitCompleted, outcomes);
    }

    Double lateCancelRate() {
        return share(lateCancels, appointments);
    }

    Double rescheduleRate() {
        return share(rescheduled, appointments);
    }

    Double adminTouchRate() {
        return share(touchedByDispatcher, appointments);
    }

    Double textsPerVisit() {
        return share(textsSent, visits);
    }

    /** {@code n / of}, or null when there is nothing to divide by. */
    static Double share(double n, double of) {
        return of > 0 ? n / of : null;
    }

    /** The {@code p} quantile by linear interpolation between the closest ranks; null for no values. */
    static Double quantile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        double h = (sorted.size() - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
    }
}
