package io.fieldcast.bench.mobile;

import io.fieldcast.events.EventSerializer;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LocationPing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Same-run baseline: how many pings/s this machine's broker acknowledges from one producer configured like the
 * platform's (idempotent, acks=all, lz4, linger 2 ms) with no HTTP in front. The ingest figure is judged
 * against it. Its pings carry a "baseline" client id, so eta's table and the bench's topic check skip them.
 */
final class KafkaBaseline {

    private KafkaBaseline() {
    }

    static double pingsPerSecond(String bootstrap, int pings, int technicians) throws InterruptedException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (var producer = new KafkaProducer<String, FieldcastEvent>(config, new StringSerializer(),
                new EventSerializer())) {
            CountDownLatch acked = new CountDownLatch(pings);
            AtomicLong failed = new AtomicLong();
            Instant now = Instant.now();
            long start = System.nanoTime();
            for (int i = 0; i < pings; i++) {
                String tech = "baseline-" + (i % technicians);
                var ping = new LocationPing(UUID.randomUUID(), now, LocationPing.SCHEMA_VERSION, tech,
                        "baseline-" + i, now, now, 52.3, 4.8, 8, 11.2, 87.0);
                producer.send(new ProducerRecord<>(ping.topic(), ping.key(), ping), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    acked.countDown();
                });
            }
            acked.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            return failed.get() > 0 ? Double.NaN : pings / seconds;
        }
    }
}
