package io.fieldcast.mobile.route;

import io.fieldcast.events.TextedWindow;
import io.fieldcast.platform.kafka.WindowTextHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps which window the customer was last texted, so the phone can say "don't ring before" ({@link ToldWindows}). */
@ApplicationScoped
public class ToldWindowHandler extends WindowTextHandler {

    private final ToldWindows told;

    public ToldWindowHandler(ToldWindows told) {
        this.told = told;
    }

    @Override
    public String consumerGroup() {
        return "mobile.notifications";
    }

    @Override
    protected Uni<Void> apply(TextedWindow text) {
        return told.apply(text);
    }
}
