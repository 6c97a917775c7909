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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One poll loop for one handler, per event ({@link EventHandler}) or per batch ({@link BatchEventHandler}). The rules
 * live here and only here:
 * <ul>
 *   <li>offsets are committed only after every record of a poll was applied or parked, so a crash re-delivers rather
 *   than loses;</li>
 *   <li>a failure that passes (database or broker away, see {@link Failures}) is retried with back-off for as long as
 *   it lasts, in place, so per-key order holds;</li>
 *   <li>a failure that does not pass is retried {@link KafkaSettings#maxAttempts()} times; a batch that keeps failing
 *   is retried event by event, and the event that fails alone is parked on its dead-letter topic with the error;</li>
 *   <li>an undecodable record is parked at once.</li>
 * </ul>
 * The loop reports its state to {@link Consumers}, which restarts a loop that died and tells readiness.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Throwable STOPPED = new Throwable("stopped", null, false, false) {
    };

    /**
     * What a loop feeds: one handler, event by event or batch by batch. {@code broadcast}: every instance reads every
     * partition, from the last {@code replay} records, committing nothing.
     */
    record Target(String group, Set<String> topics, int maxPollRecords, boolean batched, boolean broadcast,
                  int replay, Apply apply) {

        interface Apply {
            void apply(List<FieldcastEvent> events) throws Exception;
        }

        static Target of(EventHandler handler, ProcessedEvents processed) {
            return new Target(handler.consumerGroup(), handler.topics(), 500, false, handler.broadcast(),
                    handler.broadcastReplay(), events -> {
                for (FieldcastEvent event : events) {
                    if (!handler.wants(event)) {
                        continue;
                    }
                    boolean applied = !handler.transactional()
                            ? Reactive.await(() -> handler.handle(event).replaceWith(true))
                            : Reactive.inTransaction(() -> processed.firstTime(handler.consumerGroup(),
                                    event.eventId()).chain(first -> first
                                    ? handler.handle(event).replaceWith(true) : Uni.createFrom().item(false)));
                    if (applied) {
                        afterCommit(handler, event);
                    }
                }
            });
        }

        private static void afterCommit(EventHandler handler, FieldcastEvent event) {
            try {
                handler.afterCommit(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: after-commit step of %s failed; the event stays applied", handler.consumerGroup(),
                        event.eventId());
            }
        }

        static Target of(BatchEventHandler handler) {
            return new Target(handler.consumerGroup(), handler.topics(), handler.maxBatch(), true, false, 0,
                    handler::handleBatch);
        }
    }

    private final Target target;
    private final EventPublisher publisher;
    private final KafkaSettings settings;
    private final ConsumerState state;
    private final KafkaConsumer<String, Decoded> consumer;
    private volatile boolean running = true;

    ConsumerLoop(Target target, EventPublisher publisher, KafkaSettings settings, ConsumerState state) {
        this.target = target;
        this.publisher = publisher;
        this.settings = settings;
        this.state = state;
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-" + target.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, target.maxPollRecords(),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 900_000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        if (!target.broadcast()) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, target.group());
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.sessionTimeout().toMillis() / 3);
        }
        this.consumer = KafkaClientProperties.consumer(settings, config, new StringDeserializer(),
                new EventDeserializer());
    }

    /** A broadcast loop takes every partition itself and starts {@code replay} records before each one's end. */
    private void assignAll() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : target.topics()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition p : partitions) {
            consumer.seek(p, Math.max(begins.get(p), ends.get(p) - target.replay()));
        }
    }

    @Override
    public void run() {
        try {
            if (target.broadcast()) {
                assignAll();
            } else {
                consumer.subscribe(List.copyOf(target.topics()));
            }
            while (running) {
                try {
                    ConsumerRecords<String, Decoded> records = consumer.poll(Duration.ofMillis(200));
                    if (brokerAnswered(records)) {
                        state.ok(); // a failed commit or poll before is over
                    }
                    if (!records.isEmpty() && process(records) && !target.broadcast()) {
                        consumer.commitSync(nextOffsets(records));
                    }
                } catch (CommitFailedException e) {
                    // Lost the partitions meanwhile; the new owner re-delivers and de-duplication absorbs it.
                    LOG.warnf("%s could not commit after a rebalance: %s", target.group(), e.getMessage());
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    // The broker is away (a commit or poll timed out): the applied records come again and are
                    // absorbed by de-duplication.
                    state.failing(e);
                    LOG.warnf("%s: Kafka failed (%s), polling again", target.group(), Failures.describe(e));
                    TimeUnit.MILLISECONDS.sleep(settings.retryBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            state.died(e);
            LOG.errorf(e, "%s stopped unexpectedly; it will be restarted", target.group());
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("%s: close failed: %s", target.group(), e.getMessage());
            }
        }
    }

    /**
     * Whether this poll shows the broker serving the loop: it brought records, or the loop holds partitions or a place
     * in its group. An empty poll alone does not: a consumer that cannot log in polls empty between its failures.
     */
    private boolean brokerAnswered(ConsumerRecords<String, Decoded> records) {
        return !records.isEmpty() || !consumer.assignment().isEmpty()
                || !target.broadcast() && consumer.groupMetadata().generationId() > 0;
    }

    /** Applies or parks every record of a poll; false when the loop stopped before it was done (nothing committed). */
    private boolean process(ConsumerRecords<String, Decoded> records) throws InterruptedException {
        List<ConsumerRecord<String, Decoded>> usable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, Decoded> record : records) {
            if (record.value() instanceof Decoded.Undecodable(EventDecodingException error)) {
                if (!park(() -> DeadLetters.park(publisher, settings, target.group(), record, error))) {
                    return false;
                }
                state.parked();
            } else {
                usable.add(record);
            }
        }
        if (usable.isEmpty()) {
            return true;
        }
        if (target.batched() && usable.size() > 1) {
            Throwable whole = attempt(usable.stream().map(ConsumerLoop::event).toList());
            if (whole == STOPPED) {
                return false;
            }
            if (whole == null) {
                state.applied(usable.size());
                return true;
            }
            LOG.warnf("%s: a batch of %d keeps failing (%s); applying its events one by one", target.group(),
                    usable.size(), Failures.describe(whole));
        }
        for (ConsumerRecord<String, Decoded> record : usable) {
            FieldcastEvent event = event(record);
            Throwable failure = attempt(List.of(event));
            if (failure == STOPPED) {
                return false;
            }
            if (failure == null) {
                state.applied(1);
                continue;
            }
            if (!park(() -> DeadLetters.parkPoison(publisher, settings, target.group(), record, event,
                    failure, settings.maxAttempts()))) {
                return false;
            }
            state.parked();
        }
        return true;
    }

    /** Applies {@code events}: see {@link #attempt(String, Step, boolean)}. */
    private Throwable attempt(List<FieldcastEvent> events) throws InterruptedException {
        return attempt(events.size() + " event(s)", () -> target.apply().apply(events), false);
    }

    /** Parking needs the broker: retried while it is away, every failure taken as one that passes. */
    private boolean park(Step step) throws InterruptedException {
        return attempt("parking a record", step, true) == null;
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} with back-off until it works (null), the loop stops ({@link #STOPPED}), or a failure that
     * does not pass happened {@link KafkaSettings#maxAttempts()} times (that failure). With {@code untilItWorks}
     * every failure counts as one that passes.
     */
    private Throwable attempt(String what, Step step, boolean untilItWorks) throws InterruptedException {
        long backoff = settings.retryBackoff().toMillis();
        int lasting = 0;
        while (running) {
            try {
                step.run();
                state.ok();
                return null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                boolean passes = untilItWorks || Failures.isTransient(e);
                if (!passes && ++lasting >= settings.maxAttempts()) {
                    state.ok();
                    return e;
                }
                state.failing(e);
                LOG.warnf("%s failed on %s (%s, %s), retrying in %d ms", target.group(), what,
                        passes ? "will pass" : "attempt " + lasting + " of " + settings.maxAttempts(),
                        Failures.describe(e), backoff);
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxRetryBackoff().toMillis());
            }
        }
        return STOPPED;
    }

    private static FieldcastEvent event(ConsumerRecord<String, Decoded> record) {
        return ((Decoded.Event) record.value()).event();
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, Decoded> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            next.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1));
        }
        return next;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
