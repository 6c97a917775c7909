package io.fieldcast.platform.kafka;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventDecodingException;
import io.fieldcast.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A record no consumer can decode goes to its topic's dead-letter topic, bytes as received, with where it came from,
 * who gave up and why in headers; the consumer then moves past it. Every consumer loop parks records this one way.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Sends the record to {@code Topics.dlq(topic)} and waits for the broker to take it (or throws). */
    public static void park(EventPublisher publisher, KafkaSettings settings, String consumerGroup,
                            ConsumerRecord<String, Decoded> record, EventDecodingException error) throws Exception {
        LOG.warnf("%s parks undecodable record %s-%d@%d on %s: %s", consumerGroup, record.topic(),
                record.partition(), record.offset(), Topics.dlq(record.topic()), error.getMessage());
        var dead = new ProducerRecord<>(Topics.dlq(record.topic()), record.key(), error.payload());
        dead.headers()
                .add(new RecordHeader("dlq-error", bytes(error.getMessage())))
                .add(new RecordHeader("dlq-source", bytes(record.topic() + "-" + record.partition() + "@"
                        + record.offset())))
                .add(new RecordHeader("dlq-consumer", bytes(consumerGroup)));
        publisher.sendRaw(dead).get(settings.deliveryTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private static byte[] bytes(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
