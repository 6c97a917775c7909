package io.fieldcast.roadnetwork;

/**
 * How much of the network to draw, from the biggest roads only down to every street. A level includes all levels
 * above it: {@code SECONDARY} draws motorways, trunks, primaries and secondaries.
 */
public enum RoadClassLevel {
    MOTORWAY(0),
    TRUNK(1),
    PRIMARY(2),
    SECONDARY(3),
    TERTIARY(4),
    RESIDENTIAL(5),
    ALL(6);

    private final int rank;

    RoadClassLevel(int rank) {
        this.rank = rank;
    }

    /** True when a road of {@code roadClass} (rank of the road) should be shown at this level. */
    public boolean includes(RoadClassLevel roadClass) {
        return roadClass.rank <= rank;
    }
}
