package io.fieldcast.dispatch.solver;

/** Anything with a row in the plan's travel matrix: a visit, or a technician's start. */
public interface Located {

    /** Row/column of this place in {@link TravelMatrix}. */
    int location();
}
