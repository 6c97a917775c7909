package io.fieldcast.roadnetwork.routing;

import com.graphhopper.routing.ev.RoadClass;
import io.fieldcast.roadnetwork.RoadClassLevel;

/**
 * Maps GraphHopper's OSM road classes to the drawing levels of {@link RoadClassLevel}.
 */
public final class RoadClasses {

    private RoadClasses() {
    }

    public static RoadClassLevel level(RoadClass roadClass) {
        return switch (roadClass) {
            case MOTORWAY -> RoadClassLevel.MOTORWAY;
            case TRUNK -> RoadClassLevel.TRUNK;
            case PRIMARY -> RoadClassLevel.PRIMARY;
            case SECONDARY -> RoadClassLevel.SECONDARY;
            case TERTIARY -> RoadClassLevel.TERTIARY;
            case RESIDENTIAL, UNCLASSIFIED, LIVING_STREET -> RoadClassLevel.RESIDENTIAL;
            default -> RoadClassLevel.ALL;
        };
    }

    /** Where customers live: streets a technician parks on, not arterials. */
    public static boolean residential(RoadClass roadClass) {
        return roadClass == RoadClass.RESIDENTIAL || roadClass == RoadClass.LIVING_STREET
                || roadClass == RoadClass.UNCLASSIFIED;
    }
}
