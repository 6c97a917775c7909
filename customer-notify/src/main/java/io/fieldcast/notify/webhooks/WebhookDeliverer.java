package io.fieldcast.notify.webhooks;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Posts the due deliveries, each signed ({@link WebhookSignature}), at least once: a receiver de-duplicates by
 * {@code Fieldcast-Event-Id}. A pass claims due rows under a token with a lease (so two instances never post one
 * delivery at once, and the rows of an instance that died are taken over when the lease ends), posts them
 * concurrently, and records every outcome fenced on the token.
 * <ul>
 *   <li>2xx: DELIVERED, and the subscription's failure count starts again.</li>
 *   <li>anything else (an error status, a timeout, a refused connection): the delivery stays PENDING and the whole
 *   subscription backs off (10 s, doubling to an hour): a receiver that is down is not hammered delivery by delivery.
 *   After {@code disable-after-failures} failing passes in a row the subscription is disabled; its deliveries wait
 *   for an admin to enable it again. A delivery still failing {@code give-up-after} its event is FAILED.</li>
 * </ul>
 * Times are the service clock's, so a simulated day backs off in simulated time.
 */
@ApplicationScoped
public class WebhookDeliverer {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);

    record Claimed(long id, UUID subscription, UUID eventId, String type, String payload, Instant occurredAt,
                   String url, String secret) {
    }

    record Outcome(Claimed delivery, int status, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Pool pool;
    private final Clock clock;
    private final NotifySettings.Webhooks config;
    private final HttpClient http;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread thread;

    public WebhookDeliverer(Pool pool, Clock clock, NotifySettings settings) {
        this.pool = pool;
        this.clock = clock;
        this.config = settings.webhooks();
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("notify-webhooks").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        posts.shutdownNow();
    }

    /** New deliveries were committed: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                if (passOnce() == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "webhook pass failed; trying again");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** The claim's lease: two timeouts and ten seconds, so no post outlives it. */
    Duration lease() {
        return config.timeout().multipliedBy(2).plusSeconds(10);
    }

    /** Claims due deliveries, posts them and records the outcomes; the number claimed. */
    public synchronized int passOnce() throws InterruptedException {
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        List<Claimed> claimed = claim(now, token);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<Outcome>> sent = new ArrayList<>();
        Semaphore slots = new Semaphore(config.concurrency());
        for (Claimed delivery : claimed) {
            slots.acquire();
            sent.add(posts.submit(() -> {
                try {
                    return post(delivery);
                } finally {
                    slots.release();
                }
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : sent) {
            try {
                outcomes.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a webhook post failed unexpectedly", e.getCause());
            }
        }
        record(outcomes, token, clock.instant());
        return claimed.size();
    }

    private List<Claimed> claim(Instant now, UUID token) {
        return Reactive.await(() -> pool.preparedQuery("""
                        update webhook_delivery d set claim = $1, claimed_until = $2
                        from (select d2.id from webhook_delivery d2
                              join webhook_subscription s on s.id = d2.subscription_id
                              where d2.state = 'PENDING' and d2.next_attempt_at <= $3
                                and (d2.claimed_until is null or d2.claimed_until < $3)
                                and s.active and not s.deleted and (s.retry_at is null or s.retry_at <= $3)
                              order by d2.id limit $4
                              for update of d2 skip locked) c, webhook_subscription s
                        where d.id = c.id and s.id = d.subscription_id
                        returning d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.occurred_at, s.url,
                                  s.secret""")
                .execute(Tuple.of(token, now.plus(lease()).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                        config.batchSize()))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Claimed(r.getLong("id"), r.getUUID("subscription_id"), r.getUUID("event_id"),
                                r.getString("event_type"), r.getString("payload"),
                                r.getOffsetDateTime("occurred_at").toInstant(), r.getString("url"),
                                r.getString("secret")));
                    }
                    out.sort(java.util.Comparator.comparingLong(Claimed::id));
                    return out;
                }));
    }

    private Outcome post(Claimed d) {
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Fieldcast-Webhooks/1")
                .header("Fieldcast-Event-Id", d.eventId().toString())
                .header("Fieldcast-Event-Type", d.type())
                .header("Fieldcast-Delivery", Long.toString(d.id()))
                .header(WebhookSignature.HEADER, WebhookSignature.header(d.secret(), t, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(d, status, status >= 200 && status < 300 ? null : "answered " + status);
        } catch (IOException e) {
            return new Outcome(d, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(d, 0, "interrupted");
        }
    }

    /** One transaction: each delivery's outcome (fenced on the claim), then each subscription's. */
    private void record(List<Outcome> outcomes, UUID token, Instant now) {
        Map<UUID, Outcome> lastFailure = new LinkedHashMap<>();
        Map<UUID, Boolean> anySuccess = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            anySuccess.merge(o.delivery().subscription(), o.ok(), Boolean::logicalOr);
            if (!o.ok()) {
                lastFailure.put(o.delivery().subscription(), o);
            }
        }
        Reactive.await(() -> pool.withTransaction(db -> {
            var chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (Outcome o : outcomes) {
                Claimed d = o.delivery();
                boolean giveUp = !o.ok() && d.occurredAt().plus(config.giveUpAfter()).isBefore(now);
                chain = chain.chain(() -> db.preparedQuery("""
                                update webhook_delivery set attempts = attempts + 1, last_status = $3, last_error = $4,
                                       state = $5, delivered_at = $6, claim = null, claimed_until = null
                                where id = $1 and claim = $2""")
                        .execute(Tuple.tuple().addLong(d.id()).addUUID(token)
                                .addInteger(o.status() == 0 ? null : o.status()).addString(o.error())
                                .addString(o.ok() ? "DELIVERED" : giveUp ? "FAILED" : "PENDING")
                                .addValue(o.ok() ? now.atOffset(ZoneOffset.UTC) : null))
                        .replaceWithVoid());
            }
            for (var s : anySuccess.entrySet()) {
                if (s.getValue()) {
                    chain = chain.chain(() -> db.preparedQuery("""
                                    update webhook_subscription set consecutive_failures = 0, retry_at = null
                                    where id = $1""").execute(Tuple.of(s.getKey())).replaceWithVoid());
                } else {
                    Outcome o = lastFailure.get(s.getKey());
                    chain = chain.chain(() -> db.preparedQuery("""
                                    update webhook_subscription
                                    set consecutive_failures = consecutive_failures + 1,
                                        retry_at = $2::timestamptz + make_interval(secs => least($3::float8,
                                                   $4::float8 * power(2, consecutive_failures))),
                                        active = active and consecutive_failures + 1 < $5,
                                        disabled_reason = case when active and consecutive_failures + 1 >= $5
                                            then $6 else disabled_reason end
                                    where id = $1""")
                            .execute(Tuple.tuple().addUUID(s.getKey()).addValue(now.atOffset(ZoneOffset.UTC))
                                    .addDouble((double) config.maxBackoff().toSeconds())
                                    .addDouble((double) config.initialBackoff().toSeconds())
                                    .addInteger(config.disableAfterFailures())
                                    .addString(config.disableAfterFailures() + " failed attempts in a row, the last: "
                                            + o.error()))
                            .replaceWithVoid());
                }
            }
            return chain;
        }));
        lastFailure.values().forEach(o -> LOG.debugf("webhook %s to subscription %s failed: %s",
                o.delivery().id(), o.delivery().subscription(), o.error()));
    }
}
