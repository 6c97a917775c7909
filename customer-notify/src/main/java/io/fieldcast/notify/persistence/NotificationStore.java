package io.fieldcast.notify.persistence;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.policy.Decision;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.Medium;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.templates.MessageRenderer;
import io.fieldcast.notify.tracking.TrackingLinks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the policy's decisions as PENDING notification rows in the caller's transaction. The unique
 * (appointment, kind, dedup key) makes a second decision of the same message a no-op, so redelivery or a
 * restart can never queue it twice.
 * <p>
 * Decisions are queued in memory ({@link Queue}, which knows the rows already stored for its appointments) and
 * written with one statement per {@value #ROWS_PER_STATEMENT} rows: a batch of forecasts costs a few round trips, not
 * one per message, and the session is flushed once instead of before every insert.
 */
@ApplicationScoped
public class NotificationStore {

    private static final Logger LOG = Logger.getLogger(NotificationStore.class);
    private static final MessageRenderer RENDERER = new MessageRenderer();
    /** Sixteen bind parameters a row: far below PostgreSQL's 65,535. */
    private static final int ROWS_PER_STATEMENT = 200;

    private final NotifySettings config;
    private final TrackingLinks links;

    public NotificationStore(NotifySettings config, TrackingLinks links) {
        this.config = config;
        this.links = links;
    }

    /** A queue for decisions about {@code appointmentIds}, knowing which messages of theirs are already stored. */
    public Uni<Queue> queueFor(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(new Queue(Set.of()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select cast(appointment_id as text), kind, dedup_key from notification
                        where appointment_id in (:ids)""", Object[].class)
                .setParameter("ids", List.copyOf(new HashSet<>(appointmentIds)))
                .getResultList())
                .map(rows -> {
                    Set<String> stored = new HashSet<>();
                    rows.forEach(r -> stored.add(key(UUID.fromString((String) r[0]), (String) r[1], (String) r[2])));
                    return new Queue(stored);
                });
    }

    /** Writes what {@code queue} holds (a message stored meanwhile by someone else is skipped by the unique key). */
    public Uni<Void> write(Queue queue) {
        List<Row> rows = List.copyOf(queue.rows);
        queue.rows.clear();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            chain = chain.chain(() -> insert(part));
        }
        return chain;
    }

    /** The decided messages of one batch, not yet written. */
    public final class Queue {

        private final Set<String> known;
        private final List<Row> rows = new ArrayList<>();

        private Queue(Set<String> stored) {
            this.known = new HashSet<>(stored);
        }

        /** Queues every Send of {@code decisions} not stored or queued before; returns those. */
        public List<Send> add(AppointmentContact contact, List<Decision> decisions, Instant triggeredAt,
                              Instant now) {
            List<Send> added = new ArrayList<>();
            for (Decision decision : decisions) {
                switch (decision) {
                    case Send send -> {
                        if (known.add(key(contact.appointmentId, send.kind().name(), send.dedupKey()))) {
                            rows.add(row(contact, send, triggeredAt, now));
                            added.add(send);
                        }
                    }
                    case Decision.Suppress s -> LOG.debugf("%s for %s not sent: %s", s.kind(),
                            contact.appointmentId, s.reason());
                }
            }
            return added;
        }

        /** Messages queued and not yet written. */
        public int size() {
            return rows.size();
        }
    }

    private record Row(UUID appointment, String kind, String key, Integer version, String medium, String channel,
                       String recipient, String language, String subject, String body, Instant notBefore,
                       Instant triggered, Instant now, Instant windowStart, Instant windowEnd) {
    }

    private static String key(UUID appointment, String kind, String dedupKey) {
        return appointment + "|" + kind + "|" + dedupKey;
    }

    private Row row(AppointmentContact contact, Send send, Instant triggeredAt, Instant now) {
        ZoneId zone = ZoneId.of(contact.timeZone);
        String link = switch (send.kind()) {
            case ON_THE_WAY -> links.linkFor(contact.appointmentId, contact.windowEnd);
            case COMPLETED -> MessageFormat.format(config.feedbackUrl().replace("'", "''"),
                    contact.appointmentId.toString());
            default -> null;
        };
        var rendered = RENDERER.render(send.kind(), send.content(), contact.language, zone, contact.firstName, link);
        String channel = send.medium() == Medium.SMS ? config.channels().sms() : config.channels().email();
        return new Row(contact.appointmentId, send.kind().name(), send.dedupKey(), send.forecastVersion(),
                send.medium().name(), channel, send.recipient(), contact.language == null ? "en" : contact.language,
                send.medium() == Medium.EMAIL ? rendered.subject() : null, rendered.body(), send.notBefore(),
                triggeredAt, now, send.tellsWindow() == null ? null : send.tellsWindow().start(),
                send.tellsWindow() == null ? null : send.tellsWindow().end());
    }

    private static Uni<Void> insert(List<Row> rows) {
        StringBuilder sql = new StringBuilder("""
                insert into notification (appointment_id, kind, dedup_key, forecast_version, medium, channel,
                    recipient, language, subject, body, state, next_attempt_at, triggered_at, created_at,
                    window_start, window_end)
                values\s""");
        String[] columns = {"a", "k", "d", "v", "m", "c", "r", "l", "s", "b", "n", "t", "w", "ws", "we"};
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 0; c < columns.length; c++) {
                sql.append(c == 0 ? "" : ", ").append(':').append(columns[c]).append(i);
                if (c == 9) {
                    sql.append(", 'PENDING'");
                }
            }
            sql.append(')');
        }
        sql.append(" on conflict on constraint notification_once do nothing");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                Object[] values = {r.appointment(), r.kind(), r.key(), r.version(), r.medium(), r.channel(),
                        r.recipient(), r.language(), r.subject(), r.body(), r.notBefore(), r.triggered(), r.now(),
                        r.windowStart(), r.windowEnd()};
                for (int c = 0; c < columns.length; c++) {
                    query.setParameter(columns[c] + i, values[c]);
                }
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** Whether a message kind tells the customer a new window (and so counts as "told"). */
    public static boolean tellsWindow(MessageKind kind) {
        return kind == MessageKind.WINDOW_NARROWED || kind == MessageKind.WINDOW_UPDATED || kind == MessageKind.DELAY;
    }
}
