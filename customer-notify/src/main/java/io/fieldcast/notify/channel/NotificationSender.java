package io.fieldcast.notify.channel;

import io.fieldcast.events.Events;
import io.fieldcast.events.NotificationFailed;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Hands PENDING notifications to their channels. A pass claims due rows (lease: {@code next_attempt_at} moves to
 * now + lease, so another replica skips them), sends each outside any transaction, then in one transaction per pass
 * marks each SENT (with NotificationSent on the outbox) or schedules a retry with exponential back-off, ending FAILED
 * (with NotificationFailed) after the last attempt. A SENT row is never claimed again, so restarts cannot resend it.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final Pool pool;
    private final Outbox outbox;
    private final Clock clock;
    private final NotifySettings config;
    private final Map<String, Channel> channels;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public NotificationSender(Pool pool, Outbox outbox, Clock clock, NotifySettings config, Instance<Channel> all) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.channels = all.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
    }

    void start(@Observes StartupEvent event) {
        if (!config.sender().enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("notify-sender").daemon().start(this::loop);
    }

    /** New messages were committed: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (passOnce() == 0) {
                    wakeUp.tryAcquire(config.sender().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "sender pass failed; trying again");
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /** Claims due messages and hands each to its channel; returns how many were attempted. */
    public synchronized int passOnce() {
        List<OutgoingMessage> claimed = claim(clock.instant());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Supplier<Uni<Void>>> outcomes = new ArrayList<>();
        for (OutgoingMessage message : claimed) {
            outcomes.add(deliver(message));
        }
        // One transaction (one commit) records the whole pass: at hundreds of messages a second, commits dominate.
        transaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Supplier<Uni<Void>> outcome : outcomes) {
                chain = chain.chain(outcome::get);
            }
            return chain;
        });
        return claimed.size();
    }

    private List<OutgoingMessage> claim(Instant now) {
        var rows = Reactive.await(() -> pool.preparedQuery("""
                        update notification set next_attempt_at = $1, attempts = attempts + 1
                        where id in (select id from notification where state = 'PENDING' and next_attempt_at <= $2
                                     order by next_attempt_at, id limit $3 for update skip locked)
                        returning id, appointment_id, kind, channel, recipient, subject, body, attempts""")
                .execute(Tuple.of(at(now.plus(config.sender().lease())), at(now), config.sender().batchSize()))
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        List<OutgoingMessage> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new OutgoingMessage(r.getLong("id"), r.getUUID("appointment_id"), r.getString("kind"),
                    r.getString("channel"), r.getString("recipient"), r.getString("subject"), r.getString("body"),
                    r.getInteger("attempts")));
        }
        out.sort(Comparator.comparingLong(OutgoingMessage::id));
        return out;
    }

    /** Hands one message over; returns how to record the outcome. */
    private Supplier<Uni<Void>> deliver(OutgoingMessage message) {
        Channel channel = channels.get(message.channel());
        try {
            if (channel == null) {
                throw new IllegalStateException("no channel named " + message.channel());
            }
            String providerId = channel.send(message);
            Instant handedAt = clock.instant();
            return () -> sent(message, providerId, handedAt);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("%s #%d via %s failed (attempt %d): %s", message.kind(), message.id(), message.channel(),
                    message.attempt(), e.getMessage());
            Instant failedAt = clock.instant();
            return () -> failed(message, String.valueOf(e.getMessage()), failedAt);
        }
    }

    private Uni<Void> sent(OutgoingMessage m, String providerId, Instant handedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update notification set state = 'SENT', provider_message_id = :provider, handed_at = :at,
                            last_error = null where id = :id
                        returning forecast_version, window_start, window_end""", Object[].class)
                .setParameter("provider", providerId).setParameter("at", handedAt).setParameter("id", m.id())
                .getSingleResult()
                // The told window travels with the text: consumers keep it without resolving the forecast version.
                .chain(row -> outbox.append(new NotificationSent(Events.newId(), handedAt,
                        NotificationSent.SCHEMA_VERSION, m.appointmentId(), m.kind(), m.channel(), mask(m.recipient()),
                        providerId, ((Number) row[0]).intValue(), instant(row[1]), instant(row[2])))));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamptz value " + value.getClass());
        };
    }

    private Uni<Void> failed(OutgoingMessage m, String error, Instant at) {
        boolean last = m.attempt() >= config.sender().maxAttempts();
        Duration backoff = config.sender().initialBackoff().multipliedBy(1L << Math.min(m.attempt() - 1, 16));
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update notification set state = :state, next_attempt_at = :next, last_error = :error
                        where id = :id""")
                .setParameter("state", last ? "FAILED" : "PENDING")
                .setParameter("next", at.plus(backoff))
                .setParameter("error", error)
                .setParameter("id", m.id())
                .executeUpdate()
                .chain(n -> last ? outbox.append(new NotificationFailed(Events.newId(), at,
                        NotificationFailed.SCHEMA_VERSION, m.appointmentId(), m.kind(), m.channel(),
                        mask(m.recipient()), error, m.attempt())) : Uni.createFrom().voidItem()));
    }

    private static void transaction(Supplier<Uni<Void>> work) {
        try {
            Reactive.inTransaction(work);
        } catch (Throwable e) {
            // The lease runs out and the rows are retried; the unique key still prevents a second decision.
            throw new IllegalStateException("could not record the outcome of a sender pass", e);
        }
    }

    /** Events leave the service: never the full phone number or address. */
    static String mask(String recipient) {
        if (recipient == null || recipient.length() < 5) {
            return "***";
        }
        int at = recipient.indexOf('@');
        if (at > 0) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        return "***" + recipient.substring(recipient.length() - 4);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
