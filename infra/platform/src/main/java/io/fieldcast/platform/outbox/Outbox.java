package io.fieldcast.platform.outbox;

import io.fieldcast.events.EventCodec;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.platform.sql.ArrayColumns;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.platform.sql.ArrayColumns.column;

/**
 * The transactional outbox: an event that must agree with a database write is inserted in the same
 * transaction as that write. {@link OutboxRelay} publishes it after commit, so a Kafka outage delays
 * the event but never loses it, and a rollback never publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** Rows per ORM insert: six bind parameters each, far below PostgreSQL's 65,535. */
    private static final int ROWS_PER_STATEMENT = 500;

    /** Appends to the outbox inside the caller's current reactive transaction. */
    public Uni<Void> append(FieldcastEvent event) {
        return insert(List.of(event));
    }

    /** Appends several events with one statement per {@value #ROWS_PER_STATEMENT}, in the given order. */
    public Uni<Void> appendAll(List<? extends FieldcastEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<? extends FieldcastEvent> part = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            chain = chain.chain(() -> insert(part));
        }
        return chain;
    }

    /**
     * Deletes the published rows whose payload mentions any of {@code ids} (a forgotten customer's appointments),
     * inside the caller's transaction on the ORM session; rows not yet published stay. Returns how many went.
     */
    public Uni<Integer> erasePublished(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<UUID> list = List.copyOf(ids);
        StringBuilder sql = new StringBuilder("delete from outbox where published_at is not null and (");
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("payload like :m").append(i);
        }
        sql.append(')');
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < list.size(); i++) {
                query.setParameter("m" + i, "%" + list.get(i) + "%");
            }
            return query.executeUpdate();
        });
    }

    /** One multi-row insert on the ORM session, a named parameter per value, from the same columns as below. */
    private static Uni<Void> insert(List<? extends FieldcastEvent> events) {
        List<ArrayColumns.Column<FieldcastEvent>> columns = COLUMNS.columns();
        StringBuilder sql = new StringBuilder("insert into outbox (" + COLUMNS.names() + ") values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 0; c < columns.size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(":p").append(i).append('_').append(c);
            }
            sql.append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < events.size(); i++) {
                for (int c = 0; c < columns.size(); c++) {
                    query.setParameter("p" + i + "_" + c, columns.get(c).value().apply(events.get(i)));
                }
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Appends {@code events} in order with one statement (each column as one array) on {@code db}, a connection of
     * the caller's transaction, for code that works on the reactive client rather than an ORM session.
     */
    public Uni<Void> appendAll(SqlClient db, List<? extends FieldcastEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("insert into outbox (" + COLUMNS.names() + ") select " + COLUMNS.names() + " from "
                        + COLUMNS.unnest(1, "x") + " order by x.ord")
                .execute(COLUMNS.arrays(events))
                .replaceWithVoid();
    }

    private static final ArrayColumns<FieldcastEvent> COLUMNS = ArrayColumns.of(
            column("event_id", "uuid", FieldcastEvent::eventId),
            column("topic", "text", FieldcastEvent::topic),
            column("msg_key", "text", FieldcastEvent::key),
            column("event_type", "text", FieldcastEvent::typeName),
            column("payload", "text", EventCodec::encodeToString),
            column("occurred_at", "timestamptz", FieldcastEvent::occurredAt));
}
