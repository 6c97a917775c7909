package io.fieldcast.platform.kafka;

import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends events with an idempotent producer and {@code acks=all}: a returned stage completes only after
 * every in-sync replica has the record, and a retry inside the producer never writes it twice.
 * {@code send()} can block while the broker is unreachable, so it runs on a dedicated sender thread.
 */
@ApplicationScoped
public class EventPublisher {

    private final KafkaProducer<String, FieldcastEvent> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    // One thread keeps send order (and so per-key order) while keeping a blocked send off event-loop threads.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("kafka-send").factory());

    public EventPublisher(KafkaSettings settings) {
        Map<String, Object> config = producerConfig(settings);
        producer = KafkaClientProperties.producer(settings, config, new StringSerializer(), new EventSerializer());
        rawProducer = KafkaClientProperties.producer(settings, config, new StringSerializer(),
                new ByteArraySerializer());
    }

    /** This producer's own settings, on top of {@link KafkaClientProperties#common}. */
    static Map<String, Object> producerConfig(KafkaSettings settings) {
        int deliveryMs = (int) settings.deliveryTimeout().toMillis();
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-producer-" + System.identityHashCode(settings),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis(),
                // Kafka requires delivery.timeout >= linger + request.timeout.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, Math.min(5000, deliveryMs / 2)),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
    }

    /** Completes when the broker acknowledged the event; fails when it could not within the delivery timeout. */
    public CompletableFuture<RecordMetadata> send(FieldcastEvent event) {
        var record = new ProducerRecord<>(event.topic(), null, event.key(), event,
                List.of(new RecordHeader(Events.TYPE_HEADER, event.typeName().getBytes(StandardCharsets.UTF_8))));
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        sender.execute(() -> {
            try {
                producer.send(record, (metadata, error) -> complete(acked, metadata, error));
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
        });
        return acked;
    }

    /** Sends in the given order (order per key is kept) and completes when all are acknowledged. */
    public CompletableFuture<List<RecordMetadata>> sendAll(List<? extends FieldcastEvent> events) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (FieldcastEvent event : events) {
            acks.add(send(event));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .thenApply(done -> acks.stream().map(CompletableFuture::join).toList());
    }

    public Uni<RecordMetadata> publish(FieldcastEvent event) {
        return Uni.createFrom().completionStage(() -> send(event));
    }

    /** Sends bytes that are not (or not yet) an event, e.g. to a dead-letter topic. */
    public CompletableFuture<RecordMetadata> sendRaw(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        sender.execute(() -> {
            try {
                rawProducer.send(record, (metadata, error) -> complete(acked, metadata, error));
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
        });
        return acked;
    }

    private static void complete(CompletableFuture<RecordMetadata> acked, RecordMetadata metadata, Exception error) {
        if (error != null) {
            acked.completeExceptionally(error);
        } else {
            acked.complete(metadata);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
        rawProducer.close();
        sender.close();
    }
}
