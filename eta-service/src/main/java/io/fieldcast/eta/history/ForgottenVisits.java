package io.fieldcast.eta.history;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.fieldcast.platform.privacy.Forgetting;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;

/**
 * Applies {@link CustomerForgotten} once: eta-service holds no name, phone or address, only appointment ids, times
 * and the place of each visit on a route; the forgotten customer's visits keep their area (two decimals, about a
 * kilometre), not the home. Forecasts, mined visits and taps stay: the report and the training count them. Audited
 * {@code FORGOTTEN}.
 */
@ApplicationScoped
public class ForgottenVisits implements EventHandler {

    private final Forgetting forgetting;

    public ForgottenVisits(Forgetting forgetting) {
        this.forgetting = forgetting;
    }

    @Override
    public String consumerGroup() {
        return "eta.privacy";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CUSTOMERS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof CustomerForgotten forgotten) || forgotten.customerId() == null) {
            return Uni.createFrom().voidItem();
        }
        if (forgotten.appointmentIds().isEmpty()) {
            return forgetting.finish(forgotten, Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update route_visit set lat = round(cast(lat as numeric), 2),
                                               lon = round(cast(lon as numeric), 2)
                        where appointment_id in (:ids)""")
                .setParameter("ids", forgotten.appointmentIds())
                .executeUpdate())
                .chain(visits -> forgetting.finish(forgotten, Map.of("routeVisits", visits)));
    }
}
