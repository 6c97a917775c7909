package io.fieldcast.mobile.route;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Set;

/**
 * eta-service asks the technician on site how long the job in hand still takes: the ask is kept, and the phone's route
 * shows it on that visit until a word of the time left answers it ({@link TimeLeftAsks}).
 */
@ApplicationScoped
public class TimeLeftAskHandler implements EventHandler {

    private final TimeLeftAsks asks;
    private final Clock clock;

    public TimeLeftAskHandler(TimeLeftAsks asks, Clock clock) {
        this.asks = asks;
        this.clock = clock;
    }

    @Override
    public String consumerGroup() {
        return "mobile.time-left-asks";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TIME_LEFT_ASKS);
    }

    @Override
    public boolean wants(FieldcastEvent event) {
        return event instanceof TimeLeftAsked ask && ask.technicianId() != null && ask.appointmentId() != null
                && ask.askedAt() != null;
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!wants(event)) {
            return Uni.createFrom().voidItem();
        }
        return asks.store((TimeLeftAsked) event, clock.instant());
    }
}
