package io.fieldcast.mobile.ingest;

import io.fieldcast.events.LocationPing;
import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.mobile.ingest.IngestAnswer.Reject;
import io.fieldcast.mobile.rest.RetryLaterException;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Validates a batch and puts the good pings on {@code fieldcast.tech-locations}, completing only when Kafka
 * acknowledged all of them (idempotent producer, acks=all): an accepted ping is never lost. No database on this
 * path. When Kafka fails, the batch fails with 503 and later batches fail at once until a probe gets through.
 */
@ApplicationScoped
public class PingIngest {

    private static final Logger LOG = Logger.getLogger(PingIngest.class);

    private final EventPublisher publisher;
    private final MobileSettings.Ingest settings;
    private final PingValidator validator;
    private final RecentPings recent;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean kafkaDown;
    private volatile long nextProbeNanos;

    public PingIngest(EventPublisher publisher, MobileSettings settings, Clock clock) {
        this.publisher = publisher;
        this.settings = settings.ingest();
        this.validator = new PingValidator(settings.ingest());
        this.recent = new RecentPings(settings.ingest().dedupWindow());
        this.clock = clock;
    }

    public CompletableFuture<IngestAnswer> ingest(String technicianId, PingBatch batch) {
        List<PingBatch.Ping> pings = batch == null ? null : batch.pings();
        if (pings == null || pings.isEmpty() || pings.size() > settings.maxBatch()) {
            throw ApiException.badRequest("pings", "send 1.." + settings.maxBatch() + " pings per batch"
                    + (pings == null ? "" : ", got " + pings.size()));
        }
        Instant now = clock.instant();
        List<LocationPing> events = new ArrayList<>(pings.size());
        List<Reject> rejected = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < pings.size(); i++) {
            PingBatch.Ping ping = pings.get(i);
            switch (validator.check(ping, now)) {
                case PingValidator.Invalid(String reason) ->
                        rejected.add(new Reject(i, ping == null ? null : ping.clientId(), reason));
                case PingValidator.Valid(Instant deviceTime) -> {
                    if (!inBatch.add(ping.clientId()) || recent.seen(technicianId, ping.clientId())) {
                        duplicates++;
                    } else {
                        events.add(toEvent(technicianId, ping, deviceTime, now));
                    }
                }
            }
        }
        if (events.isEmpty() && duplicates == 0) {
            throw new ApiException(400, "invalid_request", "no ping of the batch is valid",
                    Map.of("accepted", 0, "duplicates", 0, "rejected", rejected));
        }
        IngestAnswer answer = new IngestAnswer(events.size(), duplicates, rejected);
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(answer);
        }
        return publish(events).handle((done, error) -> {
            if (error != null) {
                LOG.warnf("could not put %d pings of %s on Kafka: %s", events.size(), technicianId,
                        error.getMessage());
                throw RetryLaterException.kafkaUnavailable(settings.retryAfterSeconds());
            }
            recent.remember(technicianId, inBatch);
            return answer;
        });
    }

    /**
     * While Kafka is known to be down, batches are refused at once, except one probe now and then that sends a
     * single ping first: so sends that would each block for the producer's max-block never pile up.
     */
    private CompletableFuture<Void> publish(List<LocationPing> events) {
        if (!kafkaDown) {
            return sendAllFailFast(events).whenComplete((done, error) -> noteOutcome(error));
        }
        if (System.nanoTime() - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
            throw RetryLaterException.kafkaUnavailable(settings.retryAfterSeconds());
        }
        return publisher.send(events.getFirst())
                .thenCompose(first -> sendAllFailFast(events.subList(1, events.size())))
                .whenComplete((done, error) -> {
                    probing.set(false);
                    noteOutcome(error);
                });
    }

    private void noteOutcome(Throwable error) {
        if (error != null) {
            nextProbeNanos = System.nanoTime() + settings.breakerOpen().toNanos();
        }
        kafkaDown = error != null;
    }

    /**
     * Like {@link EventPublisher#sendAll} (same order, same sender) but fails as soon as one send fails, so a
     * phone does not wait for every ping of a batch to time out against a down broker.
     */
    private CompletableFuture<Void> sendAllFailFast(List<LocationPing> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(events.size());
        for (LocationPing event : events) {
            publisher.send(event).whenComplete((metadata, error) -> {
                if (error != null) {
                    all.completeExceptionally(error);
                } else if (pending.decrementAndGet() == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    private static LocationPing toEvent(String technicianId, PingBatch.Ping ping, Instant deviceTime, Instant now) {
        // The same ping replayed gets the same event id, so consumers de-duplicating on eventId drop it too.
        UUID eventId = UUID.nameUUIDFromBytes((technicianId + '\u0000' + ping.clientId())
                .getBytes(StandardCharsets.UTF_8));
        return new LocationPing(eventId, now, LocationPing.SCHEMA_VERSION, technicianId, ping.clientId(),
                deviceTime, now, ping.lat(), ping.lon(), ping.accuracy(), ping.speed(), ping.heading());
    }
}
