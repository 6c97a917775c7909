package io.fieldcast.bench.fuzz;

/**
 * A caller: its token (null for none) and what it may see, which decides the leak check its answers get.
 *
 * @param name       for the report: admin, dispatcher-a, technician-b, anonymous, forged, …
 * @param token      the bearer token, or null
 * @param scope      what it sees
 * @param technician the technician a device token is bound to, else null
 */
record Identity(String name, String token, Scope scope, String technician) {

    enum Scope {
        /** Every territory (admin). */
        ALL,
        /** Territory A only (dispatcher, supervisor, integration of A). */
        TERRITORY_A,
        /** One technician's own route and visits. */
        TECHNICIAN,
        /** Nothing: no token, a forged or an expired one. */
        NONE
    }

    boolean isTechnician() {
        return scope == Scope.TECHNICIAN;
    }
}
