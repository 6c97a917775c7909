package io.fieldcast.eta.history;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PartitionAndReadModelTest {

    @Inject
    PingStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventPublisher publisher;
    @Inject
    TestClock clock;

    @Test
    void pingsLandInTheirDayPartitionOnceEvenUnderAnotherClientId() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2026-05-07T09:00:00Z");
        store.store(List.of(ping(tech, "a", at), ping(tech, "b", at), ping(tech, "c", at.plusSeconds(5))));

        assertTrue(store.partitionNames().contains("gps_ping_20260507"));
        assertEquals(2, count("select count(*) from gps_ping_20260507 where technician_id = ?", tech));
        assertEquals(0, count("select count(*) from gps_ping_default where technician_id = ?", tech));
        // Position follows the newest fix, not the last stored one.
        store.store(List.of(ping(tech, "old", at.minusSeconds(60))));
        assertEquals(1, count("select count(*) from technician_position where technician_id = ? "
                + "and device_time = '2026-05-07T09:00:05Z'", tech));
    }

    @Test
    void pingsAlreadyInTheDefaultPartitionMoveIntoTheNewDayPartition() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into gps_ping_default (technician_id, client_id, "
                     + "device_time, received_at, lat, lon, accuracy_m) values (?, 'x', '2026-05-20T10:00:00Z', "
                     + "'2026-05-20T10:00:00Z', 45.5, -122.6, 5)")) {
            ps.setString(1, tech);
            ps.executeUpdate();
        }
        store.store(List.of(ping(tech, "y", Instant.parse("2026-05-20T11:00:00Z"))));

        assertEquals(2, count("select count(*) from gps_ping_20260520 where technician_id = ?", tech));
        assertEquals(0, count("select count(*) from gps_ping_default where technician_id = ?", tech));
    }

    @Test
    void retentionDropsWholeDayPartitionsPastTheLimit() throws Exception {
        store.store(List.of(ping("old-tech", "o", Instant.parse("2025-10-01T09:00:00Z"))));
        assertTrue(store.partitionNames().contains("gps_ping_20251001"));
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));

        int dropped = store.maintain(90);

        assertTrue(dropped >= 1);
        assertFalse(store.partitionNames().contains("gps_ping_20251001"));
        // Maintenance also prepares today and the next days ahead of the pings.
        assertTrue(store.partitionNames().containsAll(List.of("gps_ping_20260302", "gps_ping_20260304")));
    }

    @Test
    void olderPlanVersionNeverReplacesANewerRoute() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.of(2026, 3, 11);
        publisher.send(route(tech, day, 2, 3)).get(10, TimeUnit.SECONDS);
        publisher.send(route(tech, day, 1, 1)).get(10, TimeUnit.SECONDS);
        publisher.send(route(tech, LocalDate.of(2026, 3, 12), 1, 2)).get(10, TimeUnit.SECONDS);

        for (int i = 0; i < 100 && count("select count(*) from route_day where technician_id = ?", tech) < 2; i++) {
            Thread.sleep(200);
        }
        assertEquals(3, count("select count(*) from route_visit where technician_id = ? and day = '2026-03-11'",
                tech));
        assertEquals(2, count("select plan_version from route_day where technician_id = ? and day = '2026-03-11'",
                tech));
    }

    /**
     * A re-plan of the rest of the day lists only the visits left: the one already done stays on the route (first),
     * for trip mining and the evaluation report, and one never reached that the re-plan dropped goes.
     */
    @Test
    void aReplanOfTheRestOfTheDayKeepsTheVisitsAlreadyReached() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.of(2026, 3, 13);
        RoutePlanned first = route(tech, day, 1, 4);
        List<PlannedVisit> v = first.visits();
        publisher.send(first).get(10, TimeUnit.SECONDS);
        Instant t = day.atTime(8, 20).toInstant(ZoneOffset.UTC);
        for (var status : List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED,
                VisitStatus.COMPLETED)) {
            t = t.plusSeconds(600);
            publisher.send(new VisitStatusChanged(Events.newId(), t, 1, tech,
                    v.getFirst().appointmentId(), status, null, null, t, t, "tap-" + status)).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 100 && count("select count(*) from visit_event where technician_id = ?", tech) < 3; i++) {
            Thread.sleep(200);
        }
        // Version 2: the rest of the day, v3 before v2; v4 went to somebody else.
        Instant start = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        RoutePlanned replan = new RoutePlanned(Events.newId(), t, 1, tech, "t1", day, 2, first.start(), first.end(),
                start, start.plusSeconds(9 * 3600), List.of(renumbered(v.get(2), 0), renumbered(v.get(1), 1)));
        publisher.send(replan).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 100 && count("select plan_version from route_day where technician_id = ?", tech) < 2; i++) {
            Thread.sleep(200);
        }

        List<UUID> order = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select appointment_id from route_visit where technician_id = ? order by seq")) {
            ps.setString(1, tech);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    order.add(rs.getObject(1, UUID.class));
                }
            }
        }
        assertEquals(List.of(v.get(0).appointmentId(), v.get(2).appointmentId(), v.get(1).appointmentId()), order);
    }

    private static PlannedVisit renumbered(PlannedVisit v, int sequence) {
        return new PlannedVisit(v.appointmentId(), sequence, v.jobType(), v.customerFirstName(), v.address(),
                v.location(), v.notes(), v.windowStart(), v.windowEnd(), v.plannedArrival(),
                v.plannedDurationMinutes(), v.pinned());
    }

    private static RoutePlanned route(String tech, LocalDate day, long version, int visits) {
        Instant start = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        List<PlannedVisit> v = new ArrayList<>();
        for (int i = 0; i < visits; i++) {
            v.add(new PlannedVisit(UUID.randomUUID(), i + 1, "repair", "Ann", "x", new GeoPosition(45.5 + i * 0.01,
                    -122.6), null, start, start.plusSeconds(4 * 3600), start.plusSeconds(3600L * i), 30, false));
        }
        return new RoutePlanned(Events.newId(), start.minusSeconds(3600 * version), 1, tech, "t1", day, version,
                new GeoPosition(45.5, -122.6), new GeoPosition(45.5, -122.6), start, start.plusSeconds(9 * 3600), v);
    }

    private long count(String sql, String tech) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tech);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static LocationPing ping(String tech, String clientId, Instant at) {
        return new LocationPing(Events.newId(), at, 1, tech, clientId, at, at, 45.5, -122.6, 5, null, null);
    }
}
