package io.fieldcast.notify.persistence;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.policy.Decision;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.Medium;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.policy.PortalRequest;
import io.fieldcast.notify.templates.MessageRenderer;
import io.fieldcast.notify.tracking.TrackingLinks;
import io.fieldcast.platform.sql.ArrayColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.fieldcast.platform.sql.ArrayColumns.column;

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

    /**
     * A queue for decisions about {@code appointmentIds}, knowing which messages of theirs are already stored and
     * which first-window texts still wait for quiet hours to end.
     */
    public Uni<Queue> queueFor(SqlClient db, Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(new Queue(Set.of(), Map.of(), Map.of(), Map.of()));
        }
        return db.preparedQuery("""
                        select appointment_id, kind, dedup_key, state, next_attempt_at, forecast_version,
                               window_start, window_end
                        from notification where appointment_id = any($1)""")
                .execute(Tuple.of(new HashSet<>(appointmentIds).toArray(UUID[]::new)))
                .map(rows -> {
                    Set<String> stored = new HashSet<>();
                    Map<UUID, Held> held = new HashMap<>();
                    Map<UUID, List<Text>> waiting = new HashMap<>();
                    Map<UUID, Told> told = new HashMap<>();
                    rows.forEach(r -> {
                        UUID appointment = r.getUUID(0);
                        String kind = r.getString(1);
                        String state = r.getString(3);
                        stored.add(key(appointment, kind, r.getString(2)));
                        if ("PENDING".equals(state) && MessageKind.WINDOW_NARROWED.name().equals(kind)) {
                            held.put(appointment, new Held(r.getString(2), r.getOffsetDateTime(4).toInstant(),
                                    r.getInteger(5)));
                        }
                        if (r.getOffsetDateTime(6) == null) {
                            return;
                        }
                        if ("PENDING".equals(state)) {
                            waiting.computeIfAbsent(appointment, a -> new ArrayList<>())
                                    .add(new Text(appointment, kind, r.getString(2)));
                        } else if ("SENT".equals(state) || "SENDING".equals(state)) {
                            Told t = new Told(r.getOffsetDateTime(6).toInstant(), r.getOffsetDateTime(7).toInstant(),
                                    r.getInteger(5));
                            told.merge(appointment, t, (a, b) -> a.version() >= b.version() ? a : b);
                        }
                    });
                    return new Queue(stored, held, waiting, told);
                });
    }

    /** One stored text, by its unique key. */
    private record Text(UUID appointment, String kind, String dedupKey) {
    }

    /** A stored text taken back, and why. */
    private record Withdrawn(Text text, Decision.Reason why) {
    }

    /** A window a text has told (or is telling: claimed by the sender), with its forecast version. */
    public record Told(Instant start, Instant end, int version) {
    }

    /** A first-window text not handed over yet: its dedup key, when it may go, the forecast version it tells. */
    private record Held(String key, Instant notBefore, int version) {
    }

    /**
     * Writes what {@code queue} holds with one statement (a message stored meanwhile by someone else is skipped by the
     * unique key).
     */
    public Uni<Void> write(SqlClient db, Queue queue) {
        List<Row> rows = List.copyOf(queue.rows);
        List<Row> newer = List.copyOf(queue.newer);
        List<Withdrawn> withdrawn = List.copyOf(queue.withdrawn);
        queue.rows.clear();
        queue.newer.clear();
        queue.withdrawn.clear();
        Uni<Void> inserted = rows.isEmpty() ? Uni.createFrom().voidItem()
                : db.preparedQuery(INSERT).execute(COLUMNS.arrays(rows)).replaceWithVoid();
        Uni<Void> updated = newer.isEmpty() ? inserted
                : inserted.chain(() -> db.preparedQuery(NEWER).execute(COLUMNS.arrays(newer)).replaceWithVoid());
        return withdrawn.isEmpty() ? updated : updated.chain(() -> db.preparedQuery(WITHDRAW)
                .execute(Tuple.of(withdrawn.stream().map(w -> w.text().appointment()).toArray(UUID[]::new),
                        withdrawn.stream().map(w -> w.text().kind()).toArray(String[]::new),
                        withdrawn.stream().map(w -> w.text().dedupKey()).toArray(String[]::new),
                        withdrawn.stream().map(w -> w.why().name()).toArray(String[]::new)))
                .replaceWithVoid());
    }

    /** Window texts still waiting when the van came: not sent, kept as SUPPRESSED with the reason. */
    private static final String WITHDRAW = """
            update notification n set state = 'SUPPRESSED', last_error = x.reason
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as x(appointment_id, kind, dedup_key, reason)
            where n.appointment_id = x.appointment_id and n.kind = x.kind and n.dedup_key = x.dedup_key
              and n.state = 'PENDING'""";

    private static final ArrayColumns<Row> COLUMNS = ArrayColumns.of(
            column("appointment_id", "uuid", Row::appointment),
            column("kind", "text", Row::kind),
            column("dedup_key", "text", Row::key),
            column("forecast_version", "integer", r -> r.version() == null ? 0 : r.version()),
            column("medium", "text", Row::medium),
            column("channel", "text", Row::channel),
            column("recipient", "text", Row::recipient),
            column("language", "text", Row::language),
            column("subject", "text", Row::subject),
            column("body", "text", Row::body),
            column("next_attempt_at", "timestamptz", Row::notBefore),
            column("triggered_at", "timestamptz", Row::triggered),
            column("created_at", "timestamptz", Row::now),
            column("window_start", "timestamptz", Row::windowStart),
            column("window_end", "timestamptz", Row::windowEnd),
            column("state", "text", Row::state),
            column("last_error", "text", Row::lastError));

    private static final String INSERT = "insert into notification (" + COLUMNS.names() + ") select "
            + COLUMNS.names() + " from " + COLUMNS.unnest(1, "x")
            + " on conflict on constraint notification_once do nothing";

    /**
     * A first-window text still waiting (quiet hours, a retry) tells the newest window when it goes: its body, window
     * and forecast version become those of a newer decision; a text already claimed by the sender is left as it is.
     */
    private static final String NEWER = "update notification n set forecast_version = x.forecast_version,"
            + " body = x.body, subject = x.subject, window_start = x.window_start, window_end = x.window_end,"
            + " triggered_at = x.triggered_at from " + COLUMNS.unnest(1, "x")
            + " where n.appointment_id = x.appointment_id and n.kind = x.kind and n.dedup_key = x.dedup_key"
            + " and n.state = 'PENDING' and n.forecast_version < x.forecast_version";

    /** The decided messages of one batch, not yet written. */
    public final class Queue {

        private final Set<String> known;
        private final Map<UUID, Held> held;
        /** Per appointment, the window texts stored before this batch and not yet handed over. */
        private final Map<UUID, List<Text>> waiting;
        private final Map<UUID, Told> told;
        private final List<Row> rows = new ArrayList<>();
        private final List<Row> newer = new ArrayList<>();
        /** Stored window texts to take back. */
        private final List<Withdrawn> withdrawn = new ArrayList<>();

        private Queue(Set<String> stored, Map<UUID, Held> held, Map<UUID, List<Text>> waiting,
                      Map<UUID, Told> told) {
            this.known = new HashSet<>(stored);
            this.held = new HashMap<>(held);
            this.waiting = new HashMap<>(waiting);
            this.told = new HashMap<>(told);
        }

        /**
         * The window texts of {@code appointment} not handed over yet are taken back (queued in this batch, or stored
         * and waiting for the sender or for quiet hours to end), stored ones as SUPPRESSED for {@code why}. The van
         * came ({@code VISIT_UNDER_WAY}): a window told now would reach the customer after the technician, and one
         * starting later would say the technician came before the window (at 600x a window moved 20 minutes later was
         * decided on taps three minutes behind the van and handed over a minute after it had arrived). Or the day no
         * longer takes the visit ({@code VISIT_UNASSIGNED}), or the technician will not come today
         * ({@code VISIT_NOT_COMING}). Returns whether any was taken back; then
         * {@link #lastTold} is what the customer was really told.
         */
        public boolean withdrawWindows(UUID appointment, Decision.Reason why) {
            boolean any = rows.removeIf(r -> r.appointment().equals(appointment) && r.windowStart() != null
                    && "PENDING".equals(r.state()));
            newer.removeIf(r -> r.appointment().equals(appointment));
            List<Text> stored = waiting.remove(appointment);
            if (stored != null) {
                stored.forEach(t -> withdrawn.add(new Withdrawn(t, why)));
                any = true;
            }
            held.remove(appointment);
            return any;
        }

        /** The newest window a text handed over (or being handed over) told the customer of, null when none. */
        public Told lastTold(UUID appointment) {
            return told.get(appointment);
        }

        /**
         * Whether the first window of {@code appointment} is stored and still waits to go at {@code now} (quiet
         * hours): the customer has been told nothing yet, and a newer window takes its place in that text
         * ({@link #add}) rather than following it as an update at the same minute.
         */
        public boolean holdsFirstWindow(UUID appointment, Instant now) {
            Held h = held.get(appointment);
            return h != null && h.notBefore().isAfter(now);
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
                            if (send.kind() == MessageKind.WINDOW_NARROWED) {
                                held.put(contact.appointmentId, new Held(send.dedupKey(), send.notBefore(),
                                        send.forecastVersion()));
                            }
                        } else if (replacesHeld(contact.appointmentId, send, now)) {
                            Held h = held.get(contact.appointmentId);
                            held.put(contact.appointmentId, new Held(h.key(), h.notBefore(), send.forecastVersion()));
                            newer.add(row(contact, send, triggeredAt, now));
                            added.add(send);
                        }
                    }
                    case Decision.Suppress s -> {
                        LOG.debugf("%s for %s not sent: %s", s.kind(), contact.appointmentId, s.reason());
                        if (s.kind().recordsSuppression() && s.dedupKey() != null
                                && known.add(key(contact.appointmentId, s.kind().name(), s.dedupKey()))) {
                            boolean sms = contact.phone != null;
                            rows.add(suppressed(contact.appointmentId, s, sms ? Medium.SMS : Medium.EMAIL,
                                    sms ? contact.phone : contact.email, language(contact.language), triggeredAt,
                                    now));
                        }
                    }
                }
            }
            return added;
        }

        private boolean replacesHeld(UUID appointment, Send send, Instant now) {
            Held h = held.get(appointment);
            return send.kind() == MessageKind.WINDOW_NARROWED && holdsFirstWindow(appointment, now)
                    && h.key().equals(send.dedupKey()) && send.forecastVersion() > h.version();
        }

        /**
         * Queues a portal text (a code, a waitlist offer or its withdrawal) decided by the policy: to send, or
         * recorded as SUPPRESSED with its reason and no body, so a code meant for a number that said STOP is never
         * stored.
         */
        public void addPortal(PortalRequest request, Decision decision, Instant triggeredAt, Instant now) {
            if (!known.add(key(request.appointmentId(), request.kind().name(), request.dedupKey()))) {
                return;
            }
            switch (decision) {
                case Send send -> {
                    var rendered = RENDERER.render(send.kind(), send.content(), request.language(), request.zone(),
                            null, request.link());
                    rows.add(new Row(request.appointmentId(), send.kind().name(), send.dedupKey(), 0,
                            Medium.SMS.name(), config.channels().sms(), send.recipient(),
                            language(request.language()), null, rendered.body(), send.notBefore(), triggeredAt, now,
                            null, null, "PENDING", null));
                }
                case Decision.Suppress s -> {
                    LOG.infof("%s %s not sent: %s", s.kind(), request.eventId(), s.reason());
                    rows.add(suppressed(request.appointmentId(), s, Medium.SMS, request.phone(),
                            language(request.language()), triggeredAt, now));
                }
            }
        }
    }

    /** A message deliberately not sent, kept so it is counted and shown: no body, the reason as its error. */
    private Row suppressed(UUID appointment, Decision.Suppress s, Medium medium, String recipient, String language,
                           Instant triggeredAt, Instant now) {
        String channel = medium == Medium.SMS ? config.channels().sms() : config.channels().email();
        return new Row(appointment, s.kind().name(), s.dedupKey(), 0, medium.name(), channel,
                recipient == null ? "" : recipient, language, null, "", now, triggeredAt, now, null, null,
                "SUPPRESSED", s.reason().name());
    }

    private static String language(String language) {
        return language == null ? "en" : language;
    }

    private record Row(UUID appointment, String kind, String key, Integer version, String medium, String channel,
                       String recipient, String language, String subject, String body, Instant notBefore,
                       Instant triggered, Instant now, Instant windowStart, Instant windowEnd, String state,
                       String lastError) {
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
            // Said as "Change or cancel: <link>" when dispatch gave the appointment a manage link.
            case BOOKING_CONFIRMATION -> contact.manageUrl;
            // The portal books again from the manage link; without one, the booking page.
            case NO_SHOW, NOT_TODAY -> contact.manageUrl != null ? contact.manageUrl : config.bookingUrl();
            default -> null;
        };
        var rendered = RENDERER.render(send.kind(), send.content(), contact.language, zone, contact.firstName, link);
        String channel = send.medium() == Medium.SMS ? config.channels().sms() : config.channels().email();
        return new Row(contact.appointmentId, send.kind().name(), send.dedupKey(), send.forecastVersion(),
                send.medium().name(), channel, send.recipient(), contact.language == null ? "en" : contact.language,
                send.medium() == Medium.EMAIL ? rendered.subject() : null, rendered.body(), send.notBefore(),
                triggeredAt, now, send.tellsWindow() == null ? null : send.tellsWindow().start(),
                send.tellsWindow() == null ? null : send.tellsWindow().end(), "PENDING", null);
    }

    /** Whether a message kind tells the customer a new window (and so counts as "told"). */
    public static boolean tellsWindow(MessageKind kind) {
        return kind == MessageKind.WINDOW_NARROWED || kind == MessageKind.WINDOW_UPDATED || kind == MessageKind.DELAY;
    }
}
