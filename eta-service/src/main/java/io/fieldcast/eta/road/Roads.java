package io.fieldcast.eta.road;

import io.fieldcast.platform.road.RoadNetworks;
import io.fieldcast.platform.road.RoadSettings;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.Route;
import io.fieldcast.roadnetwork.SnapException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Road-network time of a drive, cached per pair (a day asks the same legs at every recompute). Places off the map
 * fall back to the straight line, so one bad address never stops the forecasts of a whole route.
 */
@ApplicationScoped
@Startup
public class Roads implements RoadLeg.Timer {

    private static final int MAX_CACHED = 1_000_000;
    /** 30 km/h with a 1.3 detour factor: a city's typical door-to-door drive when there is no map. */
    private static final RoadLeg.Timer STRAIGHT = RoadLeg.straightLine(30 / 3.6, 1.3);

    private final RoadNetwork network;
    private final Map<String, RoadLeg> cache = new ConcurrentHashMap<>();

    public Roads(RoadSettings settings) {
        network = settings.enabled() ? RoadNetworks.open(settings) : null;
    }

    @Override
    public RoadLeg leg(double fromLat, double fromLon, double toLat, double toLon) {
        if (network == null) {
            return STRAIGHT.leg(fromLat, fromLon, toLat, toLon);
        }
        String key = fromLat + "," + fromLon + ">" + toLat + "," + toLon;
        RoadLeg cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        RoadLeg leg;
        try {
            Route route = network.route(new GeoPoint(fromLat, fromLon), new GeoPoint(toLat, toLon));
            leg = Double.isFinite(route.seconds()) ? new RoadLeg(route.seconds(), route.meters())
                    : STRAIGHT.leg(fromLat, fromLon, toLat, toLon);
        } catch (SnapException | IllegalArgumentException e) {
            leg = STRAIGHT.leg(fromLat, fromLon, toLat, toLon);
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, leg);
        return leg;
    }

    @PreDestroy
    void close() {
        if (network != null) {
            network.close();
        }
    }
}
