package io.fieldcast.eta.privacy;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.eta.history.PingStore;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Events;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * eta-service's share of forgetting and retention: a forgotten customer's visits keep their area, not the home
 * (once, audited); visits older than the GPS history lose their exact place too; younger ones keep it.
 */
@QuarkusTest
class ForgottenVisitsTest {

    @Inject
    AgroalDataSource db;
    @Inject
    EventPublisher publisher;
    @Inject
    PingStore store;
    @Inject
    TestClock clock;

    @Test
    void forgottenCustomersVisitKeepsItsAreaOnceAndAudited() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        UUID forgottenVisit = visit(tech, LocalDate.of(2026, 3, 2));
        UUID otherVisit = visit(tech, LocalDate.of(2026, 3, 2));
        UUID customer = UUID.randomUUID();
        var forgotten = new CustomerForgotten(Events.newId(), Instant.now(), 1, customer, List.of(forgottenVisit),
                "root");
        var marker = new CustomerForgotten(Events.newId(), Instant.now(), 1, customer, List.of(), "root");
        publisher.send(forgotten).get(10, TimeUnit.SECONDS);
        publisher.send(forgotten).get(10, TimeUnit.SECONDS);
        publisher.send(marker).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from audit_log where reason = 'CustomerForgotten " + marker.eventId() + "'") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, count("select count(*) from audit_log where entity_type = 'customer' and entity_id = '"
                + customer + "' and action = 'FORGOTTEN' and reason = 'CustomerForgotten " + forgotten.eventId()
                + "'"));
        assertEquals(1, count("select count(*) from route_visit where appointment_id = '" + forgottenVisit
                + "' and lat = 40.71 and lon = -74.01"));
        assertEquals(1, count("select count(*) from route_visit where appointment_id = '" + otherVisit
                + "' and lat = 40.712345"), "another customer keeps the place");
    }

    @Test
    void visitsOlderThanTheGpsHistoryKeepOnlyTheirArea() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        UUID old = visit(tech, today.minusDays(200));
        UUID young = visit(tech, today.minusDays(3));
        store.maintain(90);
        assertEquals(1, count("select count(*) from route_visit where appointment_id = '" + old
                + "' and lat = 40.71 and lon = -74.01"));
        assertEquals(1, count("select count(*) from route_visit where appointment_id = '" + young
                + "' and lat = 40.712345 and lon = -74.006789"));
    }

    private UUID visit(String tech, LocalDate day) throws SQLException {
        UUID id = UUID.randomUUID();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                insert into route_visit (technician_id, day, appointment_id, seq, job_type, lat, lon, planned_minutes)
                values (?, ?, ?, 0, 'REPAIR', 40.712345, -74.006789, 60)""")) {
            st.setString(1, tech);
            st.setObject(2, day);
            st.setObject(3, id);
            st.executeUpdate();
        }
        return id;
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
