package io.fieldcast.simulator.api;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one-time codes the portal texts, read where customer-notify reads them ({@value Topics#PORTAL_MESSAGES}), from
 * the topic's end when opened: a simulated customer's phone. The outbox may publish an event twice; each event id is
 * handed over once. Only codes are kept, for the phone that asked.
 */
public final class PortalTexts implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, BlockingQueue<String>> codes = new ConcurrentHashMap<>();
    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private volatile boolean open = true;

    public PortalTexts(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PORTAL_MESSAGES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = Thread.ofPlatform().daemon().name("portal-texts").start(this::read);
    }

    private void read() {
        while (open) {
            try {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (EventCodec.tryDecode(record.value()) instanceof Decoded.Event e
                            && e.event() instanceof PortalMessage m && PortalMessage.PHONE_CODE.equals(m.kind())
                            && seen.add(m.eventId())) {
                        queue(m.phone()).add(m.code());
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!open) {
                    return;
                }
                // The broker restarting (the chaos bench): keep reading.
            }
        }
    }

    private BlockingQueue<String> queue(String phone) {
        return codes.computeIfAbsent(phone, k -> new LinkedBlockingQueue<>());
    }

    /** The next code texted to {@code phone}, waiting up to {@code timeout}; null when none came. */
    public String awaitCode(String phone, Duration timeout) {
        try {
            String code = queue(phone).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            codes.remove(phone);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        open = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
