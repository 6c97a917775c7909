package io.fieldcast.notify.tracking;

import io.fieldcast.platform.kafka.LatestPositions;
import jakarta.enterprise.context.ApplicationScoped;

/** The latest position of each technician, for tracking pages only. */
@ApplicationScoped
public class TechPositions extends LatestPositions {

    public TechPositions() {
        super("notify.tech-locations");
    }
}
