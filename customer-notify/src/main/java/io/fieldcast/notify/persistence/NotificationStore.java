package io.fieldcast.notify.persistence;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.policy.Decision;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.Medium;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.templates.MessageRenderer;
import io.fieldcast.notify.tracking.TrackingLinks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * written with one statement (columns as arrays) on the caller's connection: a batch of forecasts costs two round
 * trips, not one per message.
 */
@ApplicationScoped
public class NotificationStore {

    private static final Logger LOG = Logger.getLogger(NotificationStore.class);
    private static final MessageRenderer RENDERER = new MessageRenderer();
    
    private final NotifySettings config;
    private final TrackingLinks links;

    public NotificationStore(NotifySettings config, TrackingLinks links) {
        this.config = config;
        this.links = links;
    }

    /** A queue for decisions about {@code appointmentIds}, knowing which messages of theirs are already stored. */
    public Uni<Queue> queueFor(SqlClient db, Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(new Queue(Set.of()));
        }
        return db.preparedQuery("select appointment_id, kind, dedup_key from notification where appointment_id = any($1)")
                .execute(Tuple.of(new HashSet<>(appointmentIds).toArray(UUID[]::new)))
                .map(rows -> {
                    Set<String> stored = new HashSet<>();
                    rows.forEach(r -> stored.add(key(r.getUUID(0), r.getString(1), r.getString(2))));
                    return new Queue(stored);
                });
    }

    /**
     * Writes what {@code queue} holds with one statement (a message stored meanwhile by someone else is skipped by the
     * unique key).
     */
    public Uni<Void> write(SqlClient db, Queue queue) {
        List<Row> rows = List.copyOf(queue.rows);
        queue.rows.clear();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        UUID[] appointment = new UUID[n];
        String[] kind = new String[n];
        String[] key = new String[n];
        Integer[] version = new Integer[n];
        String[] medium = new String[n];
        String[] channel = new String[n];
        String[] recipient = new String[n];
        String[] language = new String[n];
        String[] subject = new String[n];
        String[] body = new String[n];
        OffsetDateTime[] notBefore = new OffsetDateTime[n];
        OffsetDateTime[] triggered = new OffsetDateTime[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] windowStart = new OffsetDateTime[n];
        OffsetDateTime[] windowEnd = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            appointment[i] = r.appointment();
            kind[i] = r.kind();
            key[i] = r.key();
            version[i] = r.version() == null ? 0 : r.version();
            medium[i] = r.medium();
            channel[i] = r.channel();
            recipient[i] = r.recipient();
            language[i] = r.language();
            subject[i] = r.subject();
            body[i] = r.body();
            notBefore[i] = at(r.notBefore());
            triggered[i] = at(r.triggered());
            created[i] = at(r.now());
            windowStart[i] = at(r.windowStart());
            windowEnd[i] = at(r.windowEnd());
        }
        Tuple arrays = Tuple.tuple();
        for (Object array : new Object[] {appointment, kind, key, version, medium, channel, recipient, language,
                subject, body, notBefore, triggered, created, windowStart, windowEnd}) {
            arrays.addValue(array);
        }
        return db.preparedQuery(INSERT).execute(arrays).replaceWithVoid();
    }

    private static final String INSERT = """
            insert into notification (appointment_id, kind, dedup_key, forecast_version, medium, channel, recipient,
                language, subject, body, state, next_attempt_at, triggered_at, created_at, window_start, window_end)
            select a, k, d, v, m, c, r, l, s, b, 'PENDING', n, t, w, ws, we
            from unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[],
                        $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
                 as x(a, k, d, v, m, c, r, l, s, b, n, t, w, ws, we)
            on conflict on constraint notification_once do nothing""";

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
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

    /** Whether a message kind tells the customer a new window (and so counts as "told"). */
    public static boolean tellsWindow(MessageKind kind) {
        return kind == MessageKind.WINDOW_NARROWED || kind == MessageKind.WINDOW_UPDATED || kind == MessageKind.DELAY;
    }
}
