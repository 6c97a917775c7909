package io.fieldcast.events;

import java.util.UUID;

/** Small helpers for producers. */
public final class Events {

    /** Header naming the event type, so tools can filter without decoding. */
    public static final String TYPE_HEADER = "fieldcast-type";

    private Events() {
    }

    /** A fresh, random event id. */
    public static UUID newId() {
        return UUID.randomUUID();
    }
}
