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
import java.util.List;

/**
 * Writes the policy's decisions as PENDING notification rows in the caller's transaction. The unique
 * (appointment, kind, dedup key) makes a second decision of the same message a no-op, so redelivery or a
 * restart can never queue it twice.
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

    /** Queues every Send of {@code decisions}; returns the ones that were new (not already queued). */
    public Uni<List<Send>> record(AppointmentContact contact, List<Decision> decisions, Instant triggeredAt,
                                  Instant now) {
        Uni<List<Send>> chain = Uni.createFrom().item(List.of());
        for (Decision decision : decisions) {
            switch (decision) {
                case Send send -> chain = chain.chain(done -> insert(contact, send, triggeredAt, now)
                        .map(inserted -> inserted ? append(done, send) : done));
                case Decision.Suppress s -> LOG.debugf("%s for %s not sent: %s", s.kind(),
                        contact == null ? "unknown appointment" : contact.appointmentId, s.reason());
            }
        }
        return chain;
    }

    private Uni<Boolean> insert(AppointmentContact contact, Send send, Instant triggeredAt, Instant now) {
        ZoneId zone = ZoneId.of(contact.timeZone);
        String link = switch (send.kind()) {
            case ON_THE_WAY -> links.linkFor(contact.appointmentId, contact.windowEnd);
            case COMPLETED -> MessageFormat.format(config.feedbackUrl().replace("'", "''"),
                    contact.appointmentId.toString());
            default -> null;
        };
        var rendered = RENDERER.render(send.kind(), send.content(), contact.language, zone, contact.firstName, link);
        String channel = send.medium() == Medium.SMS ? config.channels().sms() : config.channels().email();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into notification (appointment_id, kind, dedup_key, forecast_version, medium, channel,
                            recipient, language, subject, body, state, next_attempt_at, triggered_at, created_at,
                            window_start, window_end)
                        values (:appointment, :kind, :key, :version, :medium, :channel, :recipient, :language,
                            :subject, :body, 'PENDING', :notBefore, :triggered, :now, :windowStart, :windowEnd)
                        on conflict on constraint notification_once do nothing""")
                .setParameter("appointment", contact.appointmentId)
                .setParameter("kind", send.kind().name())
                .setParameter("key", send.dedupKey())
                .setParameter("version", send.forecastVersion())
                .setParameter("medium", send.medium().name())
                .setParameter("channel", channel)
                .setParameter("recipient", send.recipient())
                .setParameter("language", contact.language == null ? "en" : contact.language)
                .setParameter("subject", send.medium() == Medium.EMAIL ? rendered.subject() : null)
                .setParameter("body", rendered.body())
                .setParameter("notBefore", send.notBefore())
                .setParameter("triggered", triggeredAt)
                .setParameter("now", now)
                .setParameter("windowStart", send.tellsWindow() == null ? null : send.tellsWindow().start())
                .setParameter("windowEnd", send.tellsWindow() == null ? null : send.tellsWindow().end())
                .executeUpdate()
                .map(rows -> rows > 0));
    }

    private static List<Send> append(List<Send> done, Send send) {
        var copy = new ArrayList<>(done);
        copy.add(send);
        return copy;
    }

    /** Whether a message kind tells the customer a new window (and so counts as "told"). */
    public static boolean tellsWindow(MessageKind kind) {
        return kind == MessageKind.WINDOW_NARROWED || kind == MessageKind.WINDOW_UPDATED || kind == MessageKind.DELAY;
    }
}
