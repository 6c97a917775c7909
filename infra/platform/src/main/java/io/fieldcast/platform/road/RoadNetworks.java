package io.fieldcast.platform.road;

import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.city.CityOptions;
import org.jboss.logging.Logger;

/**
 * Opens the road network {@link RoadSettings} name, for every service that uses one. Needs road-network on the
 * service's class path (an optional dependency of the platform: a service without roads does not carry GraphHopper).
 */
public final class RoadNetworks {

    private static final Logger LOG = Logger.getLogger(RoadNetworks.class);

    private RoadNetworks() {
    }

    /** Imports the network on first use, then loads it from the cache; whether it is enabled is the caller's call. */
    public static RoadNetwork open(RoadSettings settings) {
        long start = System.nanoTime();
        RoadNetwork network = RoadNetwork.open(config(settings));
        LOG.infof("road network ready: %d nodes, %d edges in %d ms", network.nodeCount(), network.edgeCount(),
                (System.nanoTime() - start) / 1_000_000);
        return network;
    }

    static RoadNetworkConfig config(RoadSettings settings) {
        RoadNetworkConfig config = RoadNetworkConfig.syntheticCity()
                .withCity(CityOptions.of(settings.citySeed(), settings.citySizeKm()))
                .withCacheDir(settings.cacheDir())
                .withMaxSnapDistanceMeters(settings.maxSnapMeters());
        return settings.osmFile().map(config::withOsmFile).orElse(config);
    }
}
