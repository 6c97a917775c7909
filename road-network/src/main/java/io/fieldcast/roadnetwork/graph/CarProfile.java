package io.fieldcast.roadnetwork.graph;

import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.json.Statement;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.TurnCostsConfig;

import java.util.List;

import static com.graphhopper.json.Statement.Op.LIMIT;
import static com.graphhopper.json.Statement.Op.MULTIPLY;

/**
 * The one routing profile Fieldcast uses: a service van in town. Changing anything here changes {@link #FINGERPRINT},
 * so cached graphs are rebuilt.
 */
public final class CarProfile {

    public static final String NAME = "car";

    /** Encoded values the custom model reads; stored per edge at import. */
    public static final String ENCODED_VALUES = "car_access, car_average_speed, road_class, road_environment, "
            + "roundabout, max_speed";

    /**
     * Seconds charged for a u-turn. Finite so a van can turn round at the end of a cul-de-sac; large enough that it
     * never turns round mid-street to save a block.
     */
    public static final int U_TURN_SECONDS = 40;

    /** Seconds per km the router will pay to save distance: a little, so it avoids silly detours for 1 s gains. */
    public static final double DISTANCE_INFLUENCE = 10;

    /** Bump when the profile changes in a way the strings below do not show. */
    private static final int VERSION = 1;

    public static final String FINGERPRINT = "v" + VERSION + "|" + ENCODED_VALUES + "|" + customModel() + "|"
            + U_TURN_SECONDS;

    private CarProfile() {
    }

    public static Profile profile() {
        return new Profile(NAME)
                .setCustomModel(customModel())
                .setTurnCostsConfig(new TurnCostsConfig(List.of("motorcar", "motor_vehicle"), U_TURN_SECONDS));
    }

    public static CHProfile chProfile() {
        return new CHProfile(NAME);
    }

    /**
     * Speeds come from the OSM road class and maxspeed tags (GraphHopper's car_average_speed, which already takes
     * 90 % of a signed limit). On top of that: town streets lose some speed to junctions and parked cars, and
     * through traffic is discouraged on service roads and living streets, as a dispatcher's drivers would do.
     */
    static CustomModel customModel() {
        CustomModel model = new CustomModel();
        model.addToPriority(Statement.If("!car_access", MULTIPLY, "0"));
        model.addToPriority(Statement.If("road_environment == FERRY", MULTIPLY, "0"));
        model.addToPriority(Statement.If("road_class == SERVICE || road_class == LIVING_STREET", MULTIPLY, "0.5"));
        model.addToSpeed(Statement.If("true", LIMIT, "car_average_speed"));
        model.addToSpeed(Statement.If("road_class == RESIDENTIAL || road_class == UNCLASSIFIED", MULTIPLY, "0.9"));
        model.addToSpeed(Statement.If("road_class == TERTIARY || road_class == SECONDARY", MULTIPLY, "0.9"));
        model.setDistanceInfluence(DISTANCE_INFLUENCE);
        return model;
    }
}
