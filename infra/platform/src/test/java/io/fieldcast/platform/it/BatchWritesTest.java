package io.fieldcast.platform.it;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.platform.kafka.ProcessedEvents;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A consumer batch's processed marks and a batch of outbox events are written with one statement each. */
@QuarkusTest
class BatchWritesTest {

    @Inject
    ProcessedEvents processed;
    @Inject
    Outbox outbox;
    @Inject
    AgroalDataSource db;
    @Inject
    Pool pool;

    @Test
    void aBatchOfEventIdsIsMarkedOnceAndOnlyTheNewOnesComeBack() throws Exception {
        UUID seen = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Reactive.inTransaction(() -> processed.firstTime("batch-test", seen));

        Set<UUID> first = marks("batch-test", List.of(a, seen, b, a));

        assertEquals(Set.of(a, b), first, "seen before and the repeated id count once");
        assertEquals(3, TestRows.count(db, "select count(*) from processed_event where consumer = 'batch-test' "
                + "and event_id in ('" + seen + "', '" + a + "', '" + b + "')"));
        assertEquals(Set.of(), marks("batch-test", List.of(a, b)),
                "a redelivered batch applies nothing");
    }

    @Test
    void moreIdsThanBindParametersAreMarkedInOneStatement() throws Exception {
        List<UUID> ids = IntStream.range(0, 40_000).mapToObj(i -> UUID.randomUUID()).toList();
        assertEquals(40_000, marks("batch-test-many", ids).size(), "one array, not one bind parameter per id");
    }

    private Set<UUID> marks(String consumer, List<UUID> ids) {
        return Reactive.await(() -> pool.withTransaction(db -> processed.firstTimes(db, consumer, ids)));
    }

    @Test
    void eventsAppendedTogetherKeepTheirOrderInTheOutbox() throws Exception {
        List<AppointmentCanceled> events = events(3);
        Reactive.inTransaction(() -> outbox.appendAll(events));
        assertEquals(events.stream().map(AppointmentCanceled::eventId).toList(), stored(events));
    }

    @Test
    void eventsAppendedOnAConnectionKeepTheirOrderAndCommitWithIt() throws Exception {
        List<AppointmentCanceled> events = events(5);
        Reactive.await(() -> pool.withTransaction(db -> outbox.appendAll(db, events)));
        assertEquals(events.stream().map(AppointmentCanceled::eventId).toList(), stored(events));

        List<AppointmentCanceled> rolledBack = events(2);
        try {
            Reactive.await(() -> pool.withTransaction(db -> outbox.appendAll(db, rolledBack)
                    .chain(() -> db.query("select 1/0").execute())));
        } catch (RuntimeException expected) {
            // division by zero: the transaction rolls back
        }
        assertEquals(List.of(), stored(rolledBack), "appended in a rolled-back transaction: never published");
    }

    private static List<AppointmentCanceled> events(int n) {
        List<AppointmentCanceled> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new AppointmentCanceled(Events.newId(), Instant.parse("2026-03-02T10:00:00Z"), 1,
                    UUID.randomUUID(), "test", "batch " + i));
        }
        return events;
    }

    private List<UUID> stored(List<AppointmentCanceled> events) throws Exception {
        List<UUID> stored = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select event_id from outbox where event_id in ("
                     + String.join(", ", events.stream().map(e -> "'" + e.eventId() + "'").toList())
                     + ") order by id")) {
            while (rs.next()) {
                stored.add(rs.getObject(1, UUID.class));
            }
        }
        return stored;
    }
}
