package io.fieldcast.platform.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts one consumer loop per {@link EventHandler} and {@link BatchEventHandler} bean when the application starts,
 * restarts a loop that died (with a new Kafka consumer), and stops them at shutdown. Readiness reads their states.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    /** One handler's loop: replaced by a new one when it dies. */
    private static final class Slot {
        final ConsumerLoop.Target target;
        final ConsumerState state;
        volatile ConsumerLoop loop;
        volatile Thread thread;

        Slot(ConsumerLoop.Target target) {
            this.target = target;
            this.state = new ConsumerState(target.group());
        }
    }

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private EventPublisher publisher;
    private KafkaSettings settings;
    private ScheduledExecutorService watchdog;
    private volatile boolean enabled;
    private volatile boolean stopping;

    void start(@Observes StartupEvent startup, Instance<EventHandler> handlers,
               Instance<BatchEventHandler> batchHandlers, ProcessedEvents processed, EventPublisher publisher,
               KafkaSettings settings) {
        this.publisher = publisher;
        this.settings = settings;
        if (!settings.consumersEnabled()) {
            LOG.info("Kafka consumers are disabled by configuration");
            return;
        }
        enabled = true;
        for (EventHandler handler : handlers) {
            slots.add(new Slot(ConsumerLoop.Target.of(handler, processed)));
        }
        for (BatchEventHandler handler : batchHandlers) {
            if (handler.enabled()) {
                slots.add(new Slot(ConsumerLoop.Target.of(handler)));
            }
        }
        for (Slot slot : slots) {
            launch(slot);
            LOG.infof("consumer %s listens to %s%s", slot.target.group(), slot.target.topics(),
                    slot.target.batched() ? " in batches of up to " + slot.target.maxPollRecords() : "");
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("consumer-watchdog").factory());
        long every = settings.watchdogEvery().toMillis();
        watchdog.scheduleWithFixedDelay(this::restartDead, every, every, TimeUnit.MILLISECONDS);
    }

    private void launch(Slot slot) {
        slot.loop = new ConsumerLoop(slot.target, publisher, settings, slot.state);
        slot.thread = Thread.ofPlatform().name("consumer-" + slot.target.group()).start(slot.loop);
    }

    /** A loop that died (an error no retry rule covers) gets a new consumer; the group re-delivers what it had. */
    private void restartDead() {
        for (Slot slot : slots) {
            if (!stopping && (slot.state.dead() || !slot.thread.isAlive())) {
                try {
                    slot.state.restarted();
                    launch(slot);
                    LOG.warnf("consumer %s restarted (%d restarts)", slot.target.group(), slot.state.view().restarts());
                } catch (RuntimeException e) {
                    slot.state.died(e);
                    LOG.errorf(e, "consumer %s could not be restarted; trying again", slot.target.group());
                }
            }
        }
    }

    /** Whether consumers run at all in this service. */
    public boolean enabled() {
        return enabled;
    }

    public List<ConsumerState.View> states() {
        List<ConsumerState.View> views = new ArrayList<>();
        slots.forEach(s -> views.add(s.state.view()));
        return views;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        slots.forEach(s -> s.loop.stop());
        for (Slot slot : slots) {
            slot.thread.join(10_000);
        }
    }
}
