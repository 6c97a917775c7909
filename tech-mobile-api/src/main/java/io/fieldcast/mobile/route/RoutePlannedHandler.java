package io.fieldcast.mobile.route;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;

/** Builds the phone's route read model from dispatch's published plans; the only thing we learn from dispatch. */
@ApplicationScoped
public class RoutePlannedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(RoutePlannedHandler.class);

    private final RouteStore routes;
    private final Clock clock;

    public RoutePlannedHandler(RouteStore routes, Clock clock) {
        this.routes = routes;
        this.clock = clock;
    }

    @Override
    public String consumerGroup() {
        return "mobile.routes";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROUTES);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof RoutePlanned route)) {
            return Uni.createFrom().voidItem();
        }
        return routes.apply(route, clock.instant()).invoke(stored -> {
            if (!stored) {
                LOG.debugf("ignored plan %d of %s on %s: a newer or equal one is stored",
                        route.planVersion(), route.technicianId(), route.date());
            }
        }).replaceWithVoid();
    }
}
