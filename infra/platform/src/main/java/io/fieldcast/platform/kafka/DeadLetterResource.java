package io.fieldcast.platform.kafka;

import io.fieldcast.events.Topics;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Admins look at what the consumers of this service parked, and put one event back on its topic once the cause is
 * fixed. Every service has it (same path, its own consumers); a replay is audited.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {

    /** One parked record as the API shows it; {@code payload} is the JSON (or the bytes as text) cut at 4 kB. */
    public record Parked(String topic, int partition, long offset, String key, String consumer, String source,
                         String error, int attempts, String replayedFrom, String payload) {
    }

    public record Replayed(String topic, String key, String from) {
    }

    private static final int PAYLOAD_SHOWN = 4096;

    private final Consumers consumers;
    private final EventPublisher publisher;
    private final KafkaSettings settings;
    private final AuditLog audit;
    private final JsonWebToken jwt;

    public DeadLetterResource(Consumers consumers, EventPublisher publisher, KafkaSettings settings, AuditLog audit,
                              JsonWebToken jwt) {
        this.consumers = consumers;
        this.publisher = publisher;
        this.settings = settings;
        this.audit = audit;
        this.jwt = jwt;
    }

    /** This service's consumer loops: running, failing, applied, parked, restarts. */
    @GET
    @Path("/consumers")
    public List<ConsumerState.View> consumers() {
        return consumers.states();
    }

    /** The last {@code limit} records parked for {@code topic} (its dead-letter topic), newest first. */
    @GET
    @Path("/dead-letters/{topic}")
    public List<Parked> list(@PathParam("topic") String topic, @QueryParam("limit") @DefaultValue("50") int limit) {
        String dlq = dlqOf(topic);
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit", "limit must be between 1 and 1000");
        }
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begins = reader.beginningOffsets(partitions, Duration.ofSeconds(10));
            List<Parked> found = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long from = Math.max(begins.get(p), ends.get(p) - limit);
                if (from < ends.get(p)) {
                    reader.seek(p, from);
                    found.addAll(readUntil(reader, p, ends.get(p)));
                }
            }
            found.sort(Comparator.comparingLong(Parked::offset).reversed());
            return found.size() > limit ? found.subList(0, limit) : found;
        }
    }

    /** Puts the parked event back on {@code topic} (same key), marked with where it came from; audited. */
    @POST
    @Path("/dead-letters/{topic}/{partition}/{offset}/replay")
    public Response replay(@PathParam("topic") String topic, @PathParam("partition") int partition,
                           @PathParam("offset") long offset) throws Exception {
        String dlq = dlqOf(topic);
        ConsumerRecord<String, byte[]> parked;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            TopicPartition p = new TopicPartition(dlq, partition);
            if (reader.partitionsFor(dlq, Duration.ofSeconds(10)).stream().noneMatch(i -> i.partition() == partition)) {
                throw ApiException.notFound("partition " + partition + " of " + dlq);
            }
            reader.assign(List.of(p));
            long end = reader.endOffsets(List.of(p), Duration.ofSeconds(10)).get(p);
            long begin = reader.beginningOffsets(List.of(p), Duration.ofSeconds(10)).get(p);
            if (offset < begin || offset >= end) {
                throw ApiException.notFound("record " + dlq + "-" + partition + "@" + offset);
            }
            reader.seek(p, offset);
            parked = readOne(reader, p, offset);
        }
        String from = dlq + "-" + partition + "@" + offset;
        var again = new ProducerRecord<>(topic, parked.key(), parked.value());
        again.headers().add(new RecordHeader(DeadLetters.REPLAYED_FROM, DeadLetters.bytes(from)));
        publisher.sendRaw(again).get(settings.deliveryTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        Replayed replayed = new Replayed(topic, parked.key(), from);
        Reactive.inTransaction(() -> audit.record("dead-letter", from, "replay", jwt.getName(),
                "parked by " + header(parked, DeadLetters.CONSUMER) + ": " + header(parked, DeadLetters.ERROR),
                null, replayed));
        return Response.accepted(replayed).build();
    }

    private static String dlqOf(String topic) {
        if (!Topics.ALL.contains(topic)) {
            throw ApiException.notFound("topic " + topic + " (one of " + Topics.ALL + ")");
        }
        return Topics.dlq(topic);
    }

    private KafkaConsumer<String, byte[]> reader() {
        return KafkaClientProperties.consumer(settings, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-dead-letters",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<Parked> readUntil(KafkaConsumer<String, byte[]> reader, TopicPartition p, long end) {
        List<Parked> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reader.position(p) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200)).records(p)) {
                if (r.offset() < end) {
                    out.add(parked(r));
                }
            }
        }
        return out;
    }

    private static ConsumerRecord<String, byte[]> readOne(KafkaConsumer<String, byte[]> reader, TopicPartition p,
                                                          long offset) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200)).records(p)) {
                if (r.offset() == offset) {
                    return r;
                }
            }
        }
        throw ApiException.notFound("record " + p + "@" + offset + " (not readable within 10 s)");
    }

    private static Parked parked(ConsumerRecord<String, byte[]> r) {
        String payload = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        if (payload != null && payload.length() > PAYLOAD_SHOWN) {
            payload = payload.substring(0, PAYLOAD_SHOWN) + "…";
        }
        return new Parked(r.topic(), r.partition(), r.offset(), r.key(), header(r, DeadLetters.CONSUMER),
                header(r, DeadLetters.SOURCE), header(r, DeadLetters.ERROR), attempts(r),
                header(r, DeadLetters.REPLAYED_FROM), payload);
    }

    private static int attempts(ConsumerRecord<String, byte[]> r) {
        try {
            return Integer.parseInt(String.valueOf(header(r, DeadLetters.ATTEMPTS)));
        } catch (NumberFormatException e) {
            return 0; // parked before attempts were counted, or undecodable
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
