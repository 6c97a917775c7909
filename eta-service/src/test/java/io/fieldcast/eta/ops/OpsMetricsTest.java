package io.fieldcast.eta.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every metric of the operations page on a small hand-made range (Monday 2026-03-02 and Tuesday 03-03, UTC, late
 * cancel = 24 h). The comment on each assertion says which rows make the number.
 */
class OpsMetricsTest {

    private static final LocalDate MON = LocalDate.of(2026, 3, 2);
    private static final LocalDate TUE = LocalDate.of(2026, 3, 3);
    private static OpsReport report;

    @BeforeAll
    static void handMadeRange() {
        List<Facts.Appointment> appointments = List.of(
                // A1: booked before the range; Monday 08-12, arrived 09:00 (on time), told 09-10 (kept), completed.
                appt("north", "console", "2026-03-01T10:00:00Z", "2026-03-02T08:00:00Z", "2026-03-02T08:00:00Z")
                        .arrived("2026-03-02T09:00:00Z").told("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")
                        .outcome("COMPLETED", null).texts(3).tech("t1").build(),
                // A2: booked Monday 07:00 for Monday 13:00 (lead 6 h), moved by the customer to Tuesday 08-12;
                // arrived 12:30 (late), told 11-12 (broken), nobody home.
                appt("north", "portal", "2026-03-02T07:00:00Z", "2026-03-02T13:00:00Z", "2026-03-03T08:00:00Z")
                        .rescheduled().changes(0, 1, 0, 0).arrived("2026-03-03T12:30:00Z")
                        .told("2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z")
                        .outcome("CANNOT_COMPLETE", "CUSTOMER_NOT_HOME").texts(2).tech("t1").build(),
                // A3: booked Monday 08:00 for Tuesday 14:00 (lead 30 h), canceled by the customer 8 h before: late.
                appt("north", "console", "2026-03-02T08:00:00Z", "2026-03-03T14:00:00Z", "2026-03-03T14:00:00Z")
                        .canceled("2026-03-03T06:00:00Z", "customer").changes(0, 1, 0, 0).build(),
                // A4: booked Monday 09:00 for Wednesday 08:00 (lead 47 h): a booking, but its visit is after the range.
                appt("north", "console", "2026-03-02T09:00:00Z", "2026-03-04T08:00:00Z", "2026-03-04T08:00:00Z")
                        .changes(1, 0, 0, 0).build(),
                // A5: booked before, Monday 10:00, canceled by a dispatcher a week ahead: not late.
                appt("north", "console", "2026-02-20T09:00:00Z", "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z")
                        .canceled("2026-02-25T09:00:00Z", "dispatcher").changes(1, 0, 0, 0).build(),
                // A6: booked before, Tuesday 08-12, arrived 08:30 (on time), never told, completed; a dispatcher
                // changed its notes.
                appt("north", "console", "2026-02-20T09:00:00Z", "2026-03-03T08:00:00Z", "2026-03-03T08:00:00Z")
                        .changes(1, 0, 0, 0).arrived("2026-03-03T08:30:00Z").outcome("COMPLETED", null).texts(1)
                        .tech("t2").build());
        List<Facts.TechDay> days = List.of(
                // t1 Monday: shift 08-16 (480), work 240, travel 30 over 3 visits; last tap 16:20 + 20 home = 16:40.
                techDay("t1", MON, 8, 16, 3, 240, 30, 20, "2026-03-02T15:00:00Z", "2026-03-02T16:20:00Z", 9, 60),
                // t1 Tuesday: shift 08-16, work 360, travel 45 over 3; no taps: planned end 16:30 -> 30 overtime.
                techDay("t1", TUE, 8, 16, 3, 360, 45, 20, "2026-03-03T16:30:00Z", null, 9, 30),
                // t2 Tuesday: shift 08-17 (540), work 300, travel 25 over 2; last tap 15:00 + 15 home: no overtime.
                techDay("t2", TUE, 8, 17, 2, 300, 25, 15, "2026-03-03T16:00:00Z", "2026-03-03T15:00:00Z", 9, 60));
        List<Facts.Searches> searches = List.of(
                // Monday: 10 searches on the booking page (2 found nothing) led to A2; 4 in the console to A3, A4.
                new Facts.Searches("north", MON, "portal", 6, 2), new Facts.Searches("north", MON, "portal", 4, 0),
                new Facts.Searches("north", MON, "console", 4, 0),
                // Tuesday: 5 on the booking page, no booking; Wednesday is after the range.
                new Facts.Searches("north", TUE, "portal", 5, 1), new Facts.Searches("north", TUE.plusDays(1),
                        "portal", 50, 0));
        report = OpsMetrics.of(new Facts(appointments, days, searches), MON, TUE, null, Duration.ofHours(24),
                Instant.parse("2026-03-04T00:00:00Z"));
    }

    private static OpsReport.Figure figure(String key) {
        return report.summary().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() ->
                new AssertionError("no figure " + key));
    }

    @Test
    void slotSearchesLeadToBookingsPerChannelAndDay() {
        assertEquals(19, figure("searches").value(), "10 + 4 on Monday, 5 on Tuesday; Wednesday is outside");
        assertEquals(1 / 15.0, figure("conversion.portal").value(), 1e-9, "A2 of 15 searches on the booking page");
        assertEquals(2 / 4.0, figure("conversion.console").value(), 1e-9, "A3, A4 of 4 in the console");
        assertEquals(3 / 19.0, figure("emptySearchRate").value(), 1e-9);
        OpsReport.Day monday = report.daily().getFirst();
        assertEquals(10, monday.searchesPortal());
        assertEquals(4, monday.searchesConsole());
        assertEquals(0.1, monday.conversionPortal(), 1e-9);
        assertEquals(0.0, report.daily().get(1).conversionPortal(), 1e-9, "Tuesday: 5 searches, no booking");
        OpsReport.Territory north = report.territories().stream().filter(t -> t.territory().equals("north"))
                .findFirst().orElseThrow();
        assertEquals(19, north.searches());
        assertEquals(3 / 19.0, north.conversion(), 1e-9, "the three Monday bookings of 19 searches");
    }

    @Test
    void bookingsByChannelCountTheDayTheBookingWasMade() {
        assertEquals(3, figure("bookings").value(), "A2, A3, A4 were booked on Monday; A1, A5, A6 before");
        assertEquals(2, figure("bookings.console").numerator(), "A3, A4");
        assertEquals(1, figure("bookings.portal").numerator(), "A2");
        assertEquals(1 / 3.0, figure("bookings.portal").value(), 1e-9);
    }

    @Test
    void leadTimeQuantilesOfTheBookingsMade() {
        // 6, 30 and 47 hours: the median 30; p90 at rank 1.8 = 30 + 0.8 x (47 - 30) = 43.6.
        assertEquals(30, figure("leadHoursP50").value(), 1e-9);
        assertEquals(43.6, figure("leadHoursP90").value(), 1e-9);
    }

    @Test
    void visitRatesCountTheDayOfTheBookedWindow() {
        assertEquals(5, figure("appointments").value(), "A1, A5 on Monday; A2 (moved), A3, A6 on Tuesday");
        assertEquals(1 / 3.0, figure("noShowRate").value(), 1e-9, "A2 of the 3 visits with an outcome");
        assertEquals(0.2, figure("lateCancelRate").value(), 1e-9, "A3 (8 h ahead) of 5; A5 canceled a week ahead");
        assertEquals(0.2, figure("rescheduleRate").value(), 1e-9, "A2 of 5");
        assertEquals(2 / 3.0, figure("onTimeRate").value(), 1e-9, "A1 and A6 inside, A2 at 12:30 after its 12:00");
        assertEquals(0.5, figure("promiseKeptRate").value(), 1e-9, "A1 kept 09-10 (09:00 counts), A2 broke 11-12");
        assertEquals(2 / 3.0, figure("firstVisitRate").value(), 1e-9, "A1 and A6 completed, A2 not");
        assertEquals(2.0, figure("textsPerVisit").value(), 1e-9, "3 + 2 + 1 texts over the 3 visits not canceled");
    }

    @Test
    void adminTouchIsTheShareChangedByADispatcher() {
        assertEquals(0.4, figure("adminTouchRate").value(), 1e-9, "A5 (canceled) and A6 (notes) of 5; A4 is after");
        assertEquals(0.4, figure("customerTouchRate").value(), 1e-9, "A2 (moved) and A3 (canceled) of 5");
        assertEquals(0.0, figure("systemTouchRate").value(), 1e-9);
    }

    @Test
    void utilizationTravelAndOvertimeComeFromTheTechnicianDays() {
        assertEquals(0.6, figure("utilization").value(), 1e-9, "(240 + 360 + 300) / (480 + 480 + 540)");
        assertEquals(12.5, figure("travelMinutesPerVisit").value(), 1e-9, "(30 + 45 + 25) / (3 + 3 + 2)");
        assertEquals(70, figure("overtimeMinutes").value(), 1e-9, "40 (16:40 vs 16:00) + 30 (planned 16:30) + 0");
        assertEquals(2, figure("overtimeMinutes").numerator(), "two technician-days past their shift");
    }

    @Test
    void perTechnicianPerTerritoryAndPerDay() {
        OpsReport.Technician t1 = report.technicians().getFirst();
        assertEquals("t1", t1.technician());
        assertEquals(600 / 960.0, t1.utilization(), 1e-9);
        assertEquals(12.5, t1.travelMinutesPerVisit(), 1e-9, "75 / 6");
        assertEquals(0.5, t1.onTimeRate(), 1e-9, "A1 on time, A2 late");
        assertEquals(300 / 540.0, report.technicians().get(1).utilization(), 1e-9);
        OpsReport.Territory north = report.territories().getFirst();
        assertEquals("north", north.territory());
        assertEquals(2, north.technicians());
        assertEquals(0.6, north.utilization(), 1e-9);
        OpsReport.Day monday = report.daily().getFirst();
        assertEquals(3, monday.bookings());
        assertEquals(2, monday.appointments(), "A1, A5");
        assertEquals(1.0, monday.onTimeRate(), 1e-9);
        assertEquals(0.5, monday.utilization(), 1e-9, "240 / 480");
        OpsReport.Day tuesday = report.daily().get(1);
        assertEquals(0, tuesday.bookings());
        assertEquals(0.5, tuesday.onTimeRate(), 1e-9, "A6 on time, A2 late");
        assertEquals(1, tuesday.lateCancels());
    }

    @Test
    void heatMapIsWorkOverShiftPerWeekdayAndHour() {
        assertEquals(7 * 24, report.heatmap().size());
        OpsReport.HeatCell mon9 = cell(1, 9);
        assertEquals(1.0, mon9.utilization(), 1e-9, "t1 worked all 60 minutes of 09:00 on Monday");
        assertEquals(0.75, cell(2, 9).utilization(), 1e-9, "t1 30 + t2 60 of 120 shift minutes on Tuesday");
        assertEquals(0.0, cell(1, 8).utilization(), 1e-9, "on shift, no work planned");
        assertNull(cell(1, 7).utilization(), "before every shift");
        assertNull(cell(3, 9).utilization(), "no Wednesday in the range");
    }

    private static OpsReport.HeatCell cell(int weekday, int hour) {
        return report.heatmap().stream().filter(c -> c.weekday() == weekday && c.hour() == hour).findFirst()
                .orElseThrow();
    }

    private static Facts.TechDay techDay(String tech, LocalDate day, int shiftFrom, int shiftTo, int visits,
                                         double work, double travel, double home, String plannedEnd,
                                         String lastFinish, int workHour, double workInHour) {
        double[] workByHour = new double[24];
        double[] shiftByHour = new double[24];
        for (int h = shiftFrom; h < shiftTo; h++) {
            shiftByHour[h] = 60;
        }
        workByHour[workHour] = workInHour;
        Instant start = day.atTime(shiftFrom, 0).toInstant(java.time.ZoneOffset.UTC);
        Instant end = day.atTime(shiftTo, 0).toInstant(java.time.ZoneOffset.UTC);
        return new Facts.TechDay(tech, day, "north", start, end, visits, work, travel, home,
                Instant.parse(plannedEnd), workByHour, shiftByHour, lastFinish == null ? null : Instant.parse(lastFinish));
    }

    private static Appt appt(String territory, String channel, String bookedAt, String bookedWindow, String window) {
        return new Appt(territory, channel, Instant.parse(bookedAt), Instant.parse(bookedWindow), Instant.parse(window));
    }

    /** A hand-made appointment row; times UTC, so days are UTC days. */
    private static final class Appt {
        final String territory;
        final String channel;
        final Instant bookedAt;
        final Instant bookedWindow;
        final Instant window;
        int reschedules;
        Instant canceledAt;
        String canceledBy;
        int[] changes = new int[4];
        String tech;
        Instant arrived;
        String outcome;
        String reason;
        int texts;
        Instant toldStart;
        Instant toldEnd;

        Appt(String territory, String channel, Instant bookedAt, Instant bookedWindow, Instant window) {
            this.territory = territory;
            this.channel = channel;
            this.bookedAt = bookedAt;
            this.bookedWindow = bookedWindow;
            this.window = window;
        }

        Appt rescheduled() { reschedules++; return this; }
        Appt canceled(String at, String by) { canceledAt = Instant.parse(at); canceledBy = by; return this; }
        Appt changes(int d, int c, int s, int u) { changes = new int[] {d, c, s, u}; return this; }
        Appt tech(String t) { tech = t; return this; }
        Appt arrived(String at) { arrived = Instant.parse(at); return this; }
        Appt outcome(String o, String r) { outcome = o; reason = r; return this; }
        Appt texts(int n) { texts = n; return this; }
        Appt told(String s, String e) { toldStart = Instant.parse(s); toldEnd = Instant.parse(e); return this; }

        Facts.Appointment build() {
            return new Facts.Appointment(UUID.randomUUID(), territory, channel,
                    bookedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate(), bookedAt, bookedWindow,
                    window.atZone(java.time.ZoneOffset.UTC).toLocalDate(), window, window.plus(Duration.ofHours(4)),
                    reschedules, canceledAt, canceledBy, changes[0], changes[1], changes[2], changes[3], tech, arrived,
                    outcome, reason, texts, 0, toldStart, toldEnd);
        }
    }
}
