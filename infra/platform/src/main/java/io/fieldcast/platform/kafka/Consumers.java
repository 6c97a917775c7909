package io.fieldcast.platform.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** Starts one consumer loop per {@link EventHandler} bean when the application starts, stops them at shutdown. */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent startup, Instance<EventHandler> handlers, ProcessedEvents processed,
               EventPublisher publisher, KafkaSettings settings) {
        if (!settings.consumersEnabled()) {
            LOG.info("Kafka consumers are disabled by configuration");
            return;
        }
        for (EventHandler handler : handlers) {
            ConsumerLoop loop = new ConsumerLoop(handler, processed, publisher, settings);
            loops.add(loop);
            threads.add(Thread.ofPlatform().name("consumer-" + handler.consumerGroup()).start(loop));
            LOG.infof("consumer %s listens to %s", handler.consumerGroup(), handler.topics());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        loops.forEach(ConsumerLoop::stop);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
