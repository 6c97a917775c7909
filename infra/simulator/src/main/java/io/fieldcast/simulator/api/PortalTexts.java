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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The texts the portal sends, read where customer-notify reads them ({@value Topics#PORTAL_MESSAGES}), from the topic's
 * end when opened: the simulated customers' phones (the demo's, and the portal benchmark's). Each message goes to the
 * phone it is for; the outbox may publish an event twice, and a phone sees each event id once, as customer-notify texts
 * it once.
 */
public final class PortalTexts implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, BlockingQueue<PortalMessage>> phones = new ConcurrentHashMap<>();
    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger republished = new AtomicInteger();
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
        partitions.forEach(consumer::position); // the end now, before any customer asks for a code
        reader = Thread.ofPlatform().daemon().name("portal-texts").start(this::read);
    }

    private void read() {
        while (open) {
            try {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    if (EventCodec.tryDecode(record.value()) instanceof Decoded.Event e
                            && e.event() instanceof PortalMessage m) {
                        if (!seen.add(m.eventId())) {
                            republished.incrementAndGet();
                            continue;
                        }
                        received.incrementAndGet();
                        byKind.computeIfAbsent(m.kind(), k -> new AtomicInteger()).incrementAndGet();
                        phone(m.phone()).add(m);
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

    private BlockingQueue<PortalMessage> phone(String phone) {
        return phones.computeIfAbsent(phone, k -> new LinkedBlockingQueue<>());
    }

    /**
     * The next message to {@code phone} that {@code wanted} accepts, waiting up to {@code timeout}; null when none
     * came. Messages passed over on the way are dropped (a phone reads its texts once).
     */
    public PortalMessage await(String phone, Predicate<PortalMessage> wanted, Duration timeout)
            throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        BlockingQueue<PortalMessage> queue = phone(phone);
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            PortalMessage m = queue.poll(left, TimeUnit.NANOSECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
    }

    /** The next code texted to {@code phone}, waiting up to {@code timeout}; null when none came. */
    public String awaitCode(String phone, Duration timeout) {
        try {
            PortalMessage m = await(phone, t -> PortalMessage.PHONE_CODE.equals(t.kind()), timeout);
            return m == null ? null : m.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Messages of {@code kind} received (each event id once). */
    public int count(String kind) {
        AtomicInteger n = byKind.get(kind);
        return n == null ? 0 : n.get();
    }

    public int received() {
        return received.get();
    }

    /** Events seen again with an id already seen (the outbox publishing twice). */
    public int republished() {
        return republished.get();
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
