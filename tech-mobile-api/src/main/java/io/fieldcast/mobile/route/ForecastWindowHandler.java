package io.fieldcast.mobile.route;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Keeps every forecast's window by version, so a window text (which names a version) resolves to its times. */
@ApplicationScoped
public class ForecastWindowHandler implements EventHandler {

    private final ToldWindows told;

    public ForecastWindowHandler(ToldWindows told) {
        this.told = told;
    }

    @Override
    public String consumerGroup() {
        return "mobile.forecast-windows";
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
        return told.forecast(forecast);
    }
}
