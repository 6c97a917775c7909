package io.fieldcast.platform.kafka;

import io.fieldcast.events.Decoded;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.EventDecodingException;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A record a consumer cannot use goes to its topic's dead-letter topic, with where it came from, who gave up and why
 * in headers; the consumer then moves past it. Two kinds: undecodable (the bytes as received) and poison (decoded, but
 * the handler failed on it alone {@code attempts} times; the event as JSON). Every consumer loop parks this one way,
 * and {@code DeadLetterResource} lists and replays what was parked.
 */
public final class DeadLetters {

    /** Headers of a parked record. */
    public static final String ERROR = "dlq-error";
    public static final String SOURCE = "dlq-source";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ATTEMPTS = "dlq-attempts";
    /** On a replayed record: the dead-letter record it came from. */
    public static final String REPLAYED_FROM = "dlq-replayed-from";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Parks an undecodable record and waits for the broker to take it (or throws). */
    public static void park(EventPublisher publisher, KafkaSettings settings, String consumerGroup,
                            ConsumerRecord<String, Decoded> record, EventDecodingException error) throws Exception {
        send(publisher, settings, consumerGroup, record, error.payload(), error.getMessage(), 0);
    }

    /** Parks an event its handler failed on {@code attempts} times, alone, with a failure that does not pass. */
    public static void parkPoison(EventPublisher publisher, KafkaSettings settings, String consumerGroup,
                                  ConsumerRecord<String, Decoded> record, FieldcastEvent event, Throwable error,
                                  int attempts) throws Exception {
        send(publisher, settings, consumerGroup, record, EventCodec.encode(event), Failures.describe(error), attempts);
    }

    private static void send(EventPublisher publisher, KafkaSettings settings, String consumerGroup,
                             ConsumerRecord<String, Decoded> record, byte[] payload, String why, int attempts)
            throws Exception {
        LOG.warnf("%s parks record %s-%d@%d on %s: %s", consumerGroup, record.topic(), record.partition(),
                record.offset(), Topics.dlq(record.topic()), why);
        var dead = new ProducerRecord<>(Topics.dlq(record.topic()), record.key(), payload);
        dead.headers()
                .add(new RecordHeader(ERROR, bytes(why)))
                .add(new RecordHeader(SOURCE, bytes(record.topic() + "-" + record.partition() + "@"
                        + record.offset())))
                .add(new RecordHeader(CONSUMER, bytes(consumerGroup)))
                .add(new RecordHeader(ATTEMPTS, bytes(Integer.toString(attempts))));
        publisher.sendRaw(dead).get(settings.deliveryTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    static byte[] bytes(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
