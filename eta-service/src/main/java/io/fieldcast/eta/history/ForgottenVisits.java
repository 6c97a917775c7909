package io.fieldcast.eta.history;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.platform.privacy.Forgetting;
import io.fieldcast.platform.privacy.ForgettingHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Applies {@link CustomerForgotten} once: eta-service holds no name, phone or address, only appointment ids, times
 * and the place of each visit on a route; the forgotten customer's visits keep their area (two decimals, about a
 * kilometre), not the home. Forecasts, mined visits and taps stay: the report and the training count them. Audited
 * {@code FORGOTTEN}.
 */
@ApplicationScoped
public class ForgottenVisits implements ForgettingHandler {

    private final Forgetting forgetting;

    public ForgottenVisits(Forgetting forgetting) {
        this.forgetting = forgetting;
    }

    @Override
    public String consumerGroup() {
        return "eta.privacy";
    }

    @Override
    public Forgetting forgetting() {
        return forgetting;
    }

    @Override
    public Uni<Map<String, Integer>> erase(CustomerForgotten forgotten) {
        if (forgotten.appointmentIds().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update route_visit set lat = round(cast(lat as numeric), 2),
                                               lon = round(cast(lon as numeric), 2)
                        where appointment_id in (:ids)""")
                .setParameter("ids", forgotten.appointmentIds())
                .executeUpdate())
                .map(visits -> Map.of("routeVisits", visits));
    }
}
