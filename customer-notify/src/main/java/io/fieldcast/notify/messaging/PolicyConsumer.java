package io.fieldcast.notify.messaging;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventDecodingException;
import io.fieldcast.events.EventDeserializer;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.notify.channel.NotificationSender;
import io.fieldcast.platform.kafka.DeadLetters;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.kafka.KafkaSettings;
import io.fieldcast.platform.kafka.ProcessedEvents;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform's consumer contract (apply in a transaction with the processed-event mark, commit offsets only after,
 * retry in place, park undecodable payloads on the dead-letter topic), but one transaction per polled batch instead of
 * per record: a commit is an fsync, and at hundreds of forecasts a second per-record commits were the bottleneck.
 * A batch is whatever arrived while the previous one was applied, so latency stays low at low rates.
 */
@ApplicationScoped
public class PolicyConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyConsumer.class);

    private final NotifyEventHandler handler;
    private final ProcessedEvents processed;
    private final EventPublisher publisher;
    private final KafkaSettings settings;
    private final NotificationSender sender;
    private volatile boolean running;
    private KafkaConsumer<String, Decoded> consumer;
    private Thread thread;

    public PolicyConsumer(NotifyEventHandler handler, ProcessedEvents processed, EventPublisher publisher,
                          KafkaSettings settings, NotificationSender sender) {
        this.handler = handler;
        this.sender = sender;
        this.processed = processed;
        this.publisher = publisher;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, handler.consumerGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-" + handler.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 900_000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventDeserializer());
        running = true;
        thread = Thread.ofPlatform().name("notify-policy-consumer").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private void loop() {
        try {
            consumer.subscribe(List.copyOf(handler.topics()));
            while (running) {
                ConsumerRecords<String, Decoded> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    applyBatch(records);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped", handler.consumerGroup());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void applyBatch(ConsumerRecords<String, Decoded> records) throws InterruptedException {
        List<FieldcastEvent> events = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, Decoded> record : records) {
            switch (record.value()) {
                case Decoded.Event(FieldcastEvent event) -> events.add(event);
                case Decoded.Undecodable(EventDecodingException error) -> parkUndecodable(record, error);
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        long backoff = settings.retryBackoff().toMillis();
        for (int attempt = 1; running; attempt++) {
            try {
                Reactive.inTransaction(() -> applyAll(events));
                sender.wake();
                break;
            } catch (Throwable e) {
                LOG.warnf(e, "%s failed on a batch of %d (attempt %d), retrying in %d ms", handler.consumerGroup(),
                        events.size(), attempt, backoff);
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxRetryBackoff().toMillis());
            }
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException e) {
            // Lost the partitions meanwhile; the new owner re-delivers and the processed-event marks absorb it.
            LOG.warnf("%s could not commit after a rebalance: %s", handler.consumerGroup(), e.getMessage());
        }
    }

    private void parkUndecodable(ConsumerRecord<String, Decoded> record, EventDecodingException error) {
        try {
            DeadLetters.park(publisher, settings, handler.consumerGroup(), record, error);
        } catch (Exception e) {
            throw new IllegalStateException("could not park an undecodable record", e);
        }
    }

    private Uni<Void> applyAll(List<FieldcastEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FieldcastEvent event : events) {
            chain = chain.chain(() -> processed.firstTime(handler.consumerGroup(), event.eventId())
                    .chain(first -> first ? handler.handle(event) : Uni.createFrom().voidItem())
                    // Keep the persistence context small: otherwise every auto-flush re-checks the whole batch.
                    .chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear))));
        }
        return chain;
    }
}
