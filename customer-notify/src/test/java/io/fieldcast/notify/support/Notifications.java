package io.fieldcast.notify.support;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.CustomerContact;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test helpers: publish events through the broker, read notification rows through JDBC. */
@ApplicationScoped
public class Notifications {

    /** A notification row as tests look at it. */
    public record Row(long id, String kind, String dedupKey, String state, String channel, String recipient,
                      String body, int attempts, Instant nextAttemptAt, Instant handedAt, String deliveryStatus,
                      String providerMessageId) {
    }

    public static final String NEW_YORK = "America/New_York";

    private final AgroalDataSource db;
    private final EventPublisher publisher;

    public Notifications(AgroalDataSource db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    public void publish(FieldcastEvent event) {
        try {
            publisher.send(event).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static AppointmentBooked booking(UUID appointment, Instant at, Instant windowStart, String phone,
                                            String email, String language) {
        return booking(appointment, at, windowStart, phone, email, language, new GeoPosition(40.7, -74.0));
    }

    /** A booking at {@code home}: the tests' road network is a 6 km synthetic city around 45, -30. */
    public static AppointmentBooked booking(UUID appointment, Instant at, Instant windowStart, String phone,
                                            String email, String language, GeoPosition home) {
        return new AppointmentBooked(Events.newId(), at, 1, appointment, "north", NEW_YORK, "REPAIR",
                new CustomerContact(UUID.randomUUID(), "Rosa", phone, email, language, phone != null,
                        email != null), "1 Main St", home, windowStart,
                windowStart.plus(Duration.ofHours(4)), 2, null);
    }

    public static ArrivalForecast forecast(UUID appointment, String technician, int version, Instant windowStart,
                                           Instant promisedStart, Instant at) {
        return new ArrivalForecast(Events.newId(), at, 1, appointment, technician,
                windowStart.plus(Duration.ofMinutes(30)), windowStart, windowStart.plus(Duration.ofHours(1)), 0.8,
                promisedStart, promisedStart.plus(Duration.ofHours(4)), "test", version, "test");
    }

    public static RoutePlanned route(String technician, String firstName, UUID appointment, Instant plannedArrival,
                                     Instant at) {
        var visit = new PlannedVisit(appointment, 1, "REPAIR", "Rosa", "1 Main St", new GeoPosition(40.7, -74.0),
                null, plannedArrival.minusSeconds(3600), plannedArrival.plusSeconds(3 * 3600), plannedArrival, 60,
                false);
        return new RoutePlanned(Events.newId(), at, 1, technician, "north", LocalDate.of(2026, 3, 2), 1,
                new GeoPosition(40.6, -74.1), new GeoPosition(40.6, -74.1), at, at.plusSeconds(9 * 3600),
                List.of(visit), firstName);
    }

    public static VisitStatusChanged status(String technician, UUID appointment, VisitStatus status, Instant at) {
        return new VisitStatusChanged(Events.newId(), at, 1, technician, appointment, status, null, null, at, at,
                UUID.randomUUID().toString());
    }

    /** Runs one statement on the service's database, with the login the service uses. */
    public void execute(String sql) throws SQLException {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** STOP/START history of a phone number, oldest first. */
    public List<String> consentEvents(String phone) {
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "select kind from sms_consent_event where phone = ? order by at, id")) {
            st.setString(1, phone);
            try (var rs = st.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Row> rows(UUID appointment) {
        return rowsWhere("appointment_id = ?", appointment);
    }

    /** The portal's texts about no appointment (one-time codes) to {@code phone}, oldest first. */
    public List<Row> codesTo(String phone) {
        return rowsWhere("appointment_id is null and recipient = ?", phone);
    }

    /** Polls until the codes to {@code phone} satisfy {@code done} (15 s at most); returns the last rows seen. */
    public List<Row> awaitCodes(String phone, Predicate<List<Row>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Row> rows = codesTo(phone);
        while (!done.test(rows) && System.nanoTime() < deadline) {
            sleep(100);
            rows = codesTo(phone);
        }
        return rows;
    }

    public Row rowsById(long id) {
        return rowsWhere("id = ?", id).getFirst();
    }

    /** The number {@code sql} counts. */
    public long count(String sql) {
        try (var c = db.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One text value of the first row of {@code sql} (one parameter), or null. */
    public String text(String sql, Object arg) {
        try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
            st.setObject(1, arg);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The start of the window the customer was last told as customer-notify keeps it; null when none. */
    public Instant toldStart(UUID appointment) {
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "select told_start from appointment_contact where appointment_id = ?")) {
            st.setObject(1, appointment);
            try (var rs = st.executeQuery()) {
                return rs.next() ? instant(rs.getTimestamp(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Row> rowsWhere(String where, Object arg) {
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                select id, kind, dedup_key, state, channel, recipient, body, attempts, next_attempt_at, handed_at,
                       delivery_status, provider_message_id
                from notification where """ + " " + where + " order by id")) {
            st.setObject(1, arg);
            try (var rs = st.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs.getTimestamp(9)),
                            instant(rs.getTimestamp(10)), rs.getString(11), rs.getString(12)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the appointment's rows satisfy {@code done} (10 s at most); returns the last rows seen. */
    public List<Row> await(UUID appointment, Predicate<List<Row>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Row> rows = rows(appointment);
        while (!done.test(rows) && System.nanoTime() < deadline) {
            sleep(100);
            rows = rows(appointment);
        }
        return rows;
    }

    /** Waits until the appointment has {@code kind} in {@code state}. */
    public List<Row> awaitKind(UUID appointment, String kind, String state) {
        return await(appointment, rows -> rows.stream().anyMatch(r -> r.kind().equals(kind)
                && r.state().equals(state)));
    }

    /** Waits until notify's read model holds the appointment (its confirmation row or contact exists). */
    public void awaitContact(UUID appointment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && !exists("select 1 from appointment_contact where appointment_id = ?",
                appointment)) {
            sleep(100);
        }
    }

    /** Waits until every event published so far on notify's input was applied: a marker booking is seen. */
    public void awaitQuiet(UUID marker) {
        awaitContact(marker);
    }

    public boolean exists(String sql, Object arg) {
        try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
            st.setObject(1, arg);
            try (var rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> kinds(List<Row> rows) {
        return rows.stream().map(Row::kind).toList();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
