package io.fieldcast.notify.channel;

import io.fieldcast.events.Events;
import io.fieldcast.events.NotificationFailed;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.sql.ArrayColumns;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.fieldcast.platform.sql.ArrayColumns.column;

/**
 * Hands PENDING notifications to their channels, each exactly once. A pass claims due rows: they become SENDING
 * under a claim token with a lease ({@code claimed_until}, in the database's real time; longer than the work it
 * covers, since no send starts that could end after it). The claimed messages go out concurrently per recipient (in
 * order for each recipient), outside any transaction; then one transaction records every outcome, each fenced on
 * state and token, so a late sender can never turn a SENT row back or record twice: SENT (with NotificationSent on
 * the outbox), a retry with exponential back-off, or FAILED (with NotificationFailed) after the last attempt.
 * A row still SENDING after its lease belongs to a sender that died between handing over and recording: it is never
 * sent again blindly, but reconciled first (the channel's {@link Channel#findHandedOver}: Twilio's message list; a
 * channel where sending again cannot duplicate says so).
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    /** No send starts later than this before the lease ends. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** Expired claims exist only after a sender died: looked for once a second, not on every pass. */
    private static final long RECLAIM_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Pool pool;
    private final Outbox outbox;
    private final Clock clock;
    private final NotifySettings config;
    private final Map<String, Channel> channels;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread thread;
    private long nextReclaimNanos = System.nanoTime();

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
        sends.shutdownNow();
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

    /** The lease of a claim: the configured one, and at least two channel timeouts plus the margin. */
    Duration lease() {
        Duration least = config.twilio().timeout().multipliedBy(2).plus(LEASE_MARGIN.multipliedBy(2));
        return config.sender().lease().compareTo(least) < 0 ? least : config.sender().lease();
    }

    /** Reconciles expired claims (at most once a second), then claims due messages and hands each to its channel. */
    public synchronized int passOnce() throws InterruptedException {
        UUID token = UUID.randomUUID();
        long claimedAtNanos = System.nanoTime();
        List<Claimed> claimed = new ArrayList<>();
        if (claimedAtNanos - nextReclaimNanos >= 0) {
            claimed.addAll(reclaimExpired(token));
            nextReclaimNanos = claimedAtNanos + RECLAIM_EVERY_NANOS;
        }
        claimed.addAll(claim(clock.instant(), token));
        if (claimed.isEmpty()) {
            return 0;
        }
        // Per recipient in id order (a customer reads their texts in the order they were decided); recipients at once.
        Map<String, List<Claimed>> byRecipient = new LinkedHashMap<>();
        claimed.stream().sorted(Comparator.comparingLong(c -> c.message().id()))
                .forEach(c -> byRecipient.computeIfAbsent(c.message().recipient(), k -> new ArrayList<>()).add(c));
        long deadline = claimedAtNanos + lease().minus(LEASE_MARGIN).toNanos();
        List<Future<List<Outcome>>> running = new ArrayList<>();
        for (List<Claimed> group : byRecipient.values()) {
            running.add(sends.submit(() -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (Claimed c : group) {
                    outcomes.add(System.nanoTime() + config.twilio().timeout().toNanos() > deadline
                            ? new Outcome.Released(c.message()) : deliver(c));
                }
                return outcomes;
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> f : running) {
            try {
                outcomes.addAll(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a send task failed", e.getCause());
            }
        }
        // One transaction (one commit) records the whole pass, the handed-over messages with two statements: at
        // hundreds of messages a second, commits and round trips dominate.
        transaction(db -> {
            List<Outcome.Sent> sent = outcomes.stream().filter(o -> o instanceof Outcome.Sent)
                    .map(o -> (Outcome.Sent) o).toList();
            Uni<Void> chain = sent(db, sent, token);
            for (Outcome outcome : outcomes) {
                switch (outcome) {
                    case Outcome.Sent ignored -> {
                    }
                    case Outcome.Released r -> chain = chain.chain(() -> release(db, r.message(), token));
                    case Outcome.Failed f ->
                            chain = chain.chain(() -> failed(db, f.message(), token, f.error(), f.at()));
                }
            }
            return chain;
        });
        return claimed.size();
    }

    private static final ArrayColumns<Outcome.Sent> HANDED_OVER = ArrayColumns.of(
            column("id", "bigint", o -> o.message().id()),
            column("provider", "text", Outcome.Sent::providerId),
            column("at", "timestamptz", Outcome.Sent::at));

    /** What became of one claimed message, recorded after the pass. */
    private sealed interface Outcome {
        /** Handed over (or found handed over by an earlier, crashed attempt). */
        record Sent(OutgoingMessage message, String providerId, Instant at) implements Outcome {
        }

        /** Refused by the channel: retried with back-off, or FAILED after the last attempt. */
        record Failed(OutgoingMessage message, String error, Instant at) implements Outcome {
        }

        /** Not attempted: the lease would not have covered it. */
        record Released(OutgoingMessage message) implements Outcome {
        }
    }

    /** A claimed message; {@code lostSince} is set when an earlier claim expired with the outcome unknown. */
    private record Claimed(OutgoingMessage message, Instant lostSince) {
    }

    private List<Claimed> claim(Instant now, UUID token) {
        var rows = Reactive.await(() -> pool.preparedQuery("""
                        update notification set state = 'SENDING', claim_token = $1, claimed_at = clock_timestamp(),
                            claimed_until = clock_timestamp() + $2::float8 * interval '1 millisecond',
                            attempts = attempts + 1
                        where id in (select id from notification where state = 'PENDING' and next_attempt_at <= $3
                                     order by next_attempt_at, id limit $4 for update skip locked)
                        returning id, appointment_id, kind, channel, recipient, subject, body, attempts""")
                .execute(Tuple.of(token, millis(lease()), at(now), config.sender().batchSize()))
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        List<Claimed> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Claimed(message(r), null));
        }
        return out;
    }

    /** SENDING rows whose claimer's lease ran out: taken over under a new token, to be reconciled before sending. */
    private List<Claimed> reclaimExpired(UUID token) {
        var rows = Reactive.await(() -> pool.preparedQuery("""
                        update notification n set claim_token = $1,
                            claimed_until = clock_timestamp() + $2::float8 * interval '1 millisecond'
                        from (select id, claimed_at from notification
                              where state = 'SENDING' and claimed_until < clock_timestamp()
                              order by id limit $3 for update skip locked) old
                        where n.id = old.id
                        returning n.id, n.appointment_id, n.kind, n.channel, n.recipient, n.subject, n.body,
                                  n.attempts, old.claimed_at""")
                .execute(Tuple.of(token, millis(lease()), config.sender().batchSize()))
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        List<Claimed> out = new ArrayList<>();
        for (Row r : rows) {
            // claimed_at is the database's real time, like the carrier's own timestamps it is compared with.
            out.add(new Claimed(message(r), r.getOffsetDateTime("claimed_at").toInstant()));
            LOG.warnf("%s #%d was left SENDING by a sender that stopped; reconciling with %s before anything is sent",
                    r.getString("kind"), r.getLong("id"), r.getString("channel"));
        }
        return out;
    }

    private static OutgoingMessage message(Row r) {
        return new OutgoingMessage(r.getLong("id"), r.getUUID("appointment_id"), r.getString("kind"),
                r.getString("channel"), r.getString("recipient"), r.getString("subject"), r.getString("body"),
                r.getInteger("attempts"));
    }

    /** Hands one message over (or finds the copy a crashed attempt handed over); returns how to record it. */
    private Outcome deliver(Claimed claimed) {
        OutgoingMessage message = claimed.message();
        Channel channel = channels.get(message.channel());
        try {
            if (channel == null) {
                throw new IllegalStateException("no channel named " + message.channel());
            }
            if (claimed.lostSince() != null) {
                Optional<String> earlier = channel.findHandedOver(message, claimed.lostSince());
                if (earlier.isPresent()) {
                    LOG.infof("%s #%d had reached %s before its sender stopped (%s): recorded, not sent again",
                            message.kind(), message.id(), message.channel(), earlier.get());
                    return new Outcome.Sent(message, earlier.get(), clock.instant());
                }
            }
            String providerId = channel.send(message);
            return new Outcome.Sent(message, providerId, clock.instant());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("%s #%d via %s failed (attempt %d): %s", message.kind(), message.id(), message.channel(),
                    message.attempt(), e.getMessage());
            return new Outcome.Failed(message, String.valueOf(e.getMessage()), clock.instant());
        }
    }

    /** Not attempted (the lease would not cover it): back to PENDING, the attempt not counted. */
    private static Uni<Void> release(SqlConnection db, OutgoingMessage message, UUID token) {
        return db.preparedQuery("""
                        update notification set state = 'PENDING', attempts = attempts - 1, claim_token = null,
                            claimed_until = null
                        where id = $1 and state = 'SENDING' and claim_token = $2""")
                .execute(Tuple.of(message.id(), token)).replaceWithVoid();
    }

    /**
     * Records the handed-over messages of a pass with one update (fenced on state and token) and their
     * NotificationSent events with one outbox insert. The told window travels with the text: consumers keep it
     * without resolving the forecast version.
     */
    private Uni<Void> sent(SqlConnection db, List<Outcome.Sent> sent, UUID token) {
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("""
                        update notification n set state = 'SENT', provider_message_id = v.provider,
                            handed_at = v.at, last_error = null, claim_token = null, claimed_until = null
                        from %s
                        where n.id = v.id and n.state = 'SENDING' and n.claim_token = $4
                        returning n.id, n.forecast_version, n.window_start, n.window_end"""
                        .formatted(HANDED_OVER.unnest(1, "v")))
                .execute(HANDED_OVER.arrays(sent).addUUID(token))
                .chain(rows -> {
                    Map<Long, Row> recorded = new HashMap<>();
                    rows.forEach(r -> recorded.put(r.getLong("id"), r));
                    List<NotificationSent> events = new ArrayList<>();
                    for (Outcome.Sent o : sent) {
                        OutgoingMessage m = o.message();
                        Row row = recorded.get(m.id());
                        if (row == null) {
                            lostClaim(m);
                            continue;
                        }
                        if (m.appointmentId() == null) {
                            // A portal code is about no appointment: nothing for the services that key on one.
                            continue;
                        }
                        events.add(new NotificationSent(Events.newId(), o.at(), NotificationSent.SCHEMA_VERSION,
                                m.appointmentId(), m.kind(), m.channel(), mask(m.recipient()), o.providerId(),
                                row.getInteger("forecast_version"), instant(row.getOffsetDateTime("window_start")),
                                instant(row.getOffsetDateTime("window_end"))));
                    }
                    return outbox.appendAll(db, events);
                });
    }

    /** Another sender took the message over after this one's lease ran out: its outcome is that sender's to record. */
    private static Uni<Void> lostClaim(OutgoingMessage m) {
        LOG.warnf("%s #%d: the claim was lost (lease ran out); the outcome is left to the sender that holds it",
                m.kind(), m.id());
        return Uni.createFrom().voidItem();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private Uni<Void> failed(SqlConnection db, OutgoingMessage m, UUID token, String error, Instant at) {
        boolean last = m.attempt() >= config.sender().maxAttempts();
        Duration backoff = config.sender().initialBackoff().multipliedBy(1L << Math.min(m.attempt() - 1, 16));
        return db.preparedQuery("""
                        update notification set state = $1, next_attempt_at = $2, last_error = $3,
                            claim_token = null, claimed_until = null
                        where id = $4 and state = 'SENDING' and claim_token = $5""")
                .execute(Tuple.tuple().addString(last ? "FAILED" : "PENDING").addValue(at(at.plus(backoff)))
                        .addString(error).addLong(m.id()).addUUID(token))
                .chain(rows -> rows.rowCount() == 0 ? lostClaim(m) : last && m.appointmentId() != null
                        ? outbox.appendAll(db, List.of(new NotificationFailed(Events.newId(), at,
                        NotificationFailed.SCHEMA_VERSION, m.appointmentId(), m.kind(), m.channel(),
                        mask(m.recipient()), error, m.attempt()))) : Uni.createFrom().voidItem());
    }

    private void transaction(Function<SqlConnection, Uni<Void>> work) {
        try {
            Reactive.await(() -> pool.withTransaction(work));
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

    private static double millis(Duration d) {
        return d.toMillis();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
