package io.fieldcast.dispatch.messaging;

import io.fieldcast.platform.kafka.LatestPositions;
import jakarta.enterprise.context.ApplicationScoped;

/** The latest position of each technician, for the console's map. */
@ApplicationScoped
public class TechPositions extends LatestPositions {

    public TechPositions() {
        super("dispatch.tech-locations");
    }
}
