package io.fieldcast.mobile.road;

import io.fieldcast.mobile.config.MobileSettings;
import io.fieldcast.platform.road.RoadMap;
import io.fieldcast.platform.road.RoadSettings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The roads of the phone's map: the streets around the route and the drive along them. Optional: when the road
 * network is disabled or cannot be loaded, the phone gets no roads and a straight route, and everything else (route,
 * status, GPS) works as before.
 */
@Singleton
@Startup
public class Roads extends RoadMap {

    @Inject
    public Roads(RoadSettings settings, MobileSettings mobile) {
        super(settings, "the phone's map", mobile.map().roadMarginMeters(), mobile.map().maxRoadSegments());
    }

    @Override
    @PreDestroy
    public void close() {
        super.close();
    }
}
