package io.fieldcast.platform.kafka;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventDecodingException;
import io.fieldcast.events.EventDeserializer;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.platform.reactive.Reactive;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One poll loop for one {@link EventHandler}. Offsets are committed only after a record was applied (or parked
 * on its dead-letter topic), so a crash re-delivers rather than loses; a failing record is retried with
 * back-off, in place, so per-key order holds.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final EventHandler handler;
    private final ProcessedEvents processed;
    private final EventPublisher publisher;
    private final KafkaSettings settings;
    private final KafkaConsumer<String, Decoded> consumer;
    private volatile boolean running = true;

    ConsumerLoop(EventHandler handler, ProcessedEvents processed, EventPublisher publisher, KafkaSettings settings) {
        this.handler = handler;
        this.processed = processed;
        this.publisher = publisher;
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, handler.consumerGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-" + handler.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 900_000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.copyOf(handler.topics()));
            while (running) {
                try {
                    ConsumerRecords<String, Decoded> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        processBatch(records);
                    }
                } catch (CommitFailedException e) {
                    // Lost the partitions while retrying; the new owner re-delivers and de-duplication absorbs it.
                    LOG.warnf("%s could not commit after a rebalance: %s", handler.consumerGroup(), e.getMessage());
                } catch (KafkaException e) {
                    if (e instanceof WakeupException) {
                        throw e;
                    }
                    LOG.warnf(e, "%s poll failed, polling again", handler.consumerGroup());
                    TimeUnit.MILLISECONDS.sleep(settings.retryBackoff().toMillis());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void processBatch(ConsumerRecords<String, Decoded> records) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, Decoded> record : records) {
            if (!running) {
                break;
            }
            processWithRetry(record);
            done.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    private void processWithRetry(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        long backoff = settings.retryBackoff().toMillis();
        int attempt = 0;
        while (running) {
            try {
                process(record);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                attempt++;
                LOG.warnf(e, "%s failed on %s-%d@%d (attempt %d), retrying in %d ms", handler.consumerGroup(),
                        record.topic(), record.partition(), record.offset(), attempt, backoff);
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxRetryBackoff().toMillis());
            }
        }
    }

    private void process(ConsumerRecord<String, Decoded> record) throws Exception {
        switch (record.value()) {
            case Decoded.Event(FieldcastEvent event) -> apply(event);
            case Decoded.Undecodable(EventDecodingException error) ->
                    DeadLetters.park(publisher, settings, handler.consumerGroup(), record, error);
        }
    }

    private void apply(FieldcastEvent event) {
        if (!handler.transactional()) {
            Reactive.await(() -> handler.handle(event));
            return;
        }
        Reactive.inTransaction(() ->
                processed.firstTime(handler.consumerGroup(), event.eventId())
                        .chain(first -> first ? handler.handle(event) : Uni.createFrom().voidItem()));
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
