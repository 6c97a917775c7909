package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.road.RoadMap;
import io.fieldcast.platform.road.RoadSettings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The roads of the tracking page's map: the streets around the home and the van, and the van's way to the home along
 * them. Optional: without a road network the page shows no streets and the way drawn straight.
 */
@Singleton
@Startup
public class TrackingRoads extends RoadMap {

    @Inject
    public TrackingRoads(RoadSettings settings, NotifySettings notify) {
        super(settings, "the tracking page's map", notify.tracking().roadMarginMeters(),
                notify.tracking().maxRoadSegments());
    }

    @Override
    @PreDestroy
    public void close() {
        super.close();
    }
}
