package io.fieldcast.mobile.route;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Set;

/**
 * Keeps the window the customer was last told per appointment (the latest arrival forecast), so the phone can say
 * "don't ring before": the technician does not ring before the told window opens.
 */
@ApplicationScoped
public class ToldWindowHandler implements EventHandler {

    private final ToldWindows told;
    private final Clock clock;

    public ToldWindowHandler(ToldWindows told, Clock clock) {
        this.told = told;
        this.clock = clock;
    }

    @Override
    public String consumerGroup() {
        return "mobile.arrival-forecasts";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ARRIVAL_FORECASTS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof ArrivalForecast forecast) || forecast.appointmentId() == null
                || forecast.windowStart() == null || forecast.windowEnd() == null) {
            return Uni.createFrom().voidItem();
        }
        return told.apply(forecast, clock.instant()).replaceWithVoid();
    }
}
