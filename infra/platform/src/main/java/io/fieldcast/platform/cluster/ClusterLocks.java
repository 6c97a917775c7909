package io.fieldcast.platform.cluster;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Named locks shared by the instances of one service (a PostgreSQL advisory lock on the service's schema and the
 * name), held until the caller's transaction ends. For work every instance does at start-up and only one may do at a
 * time, such as seeding: the second instance waits, then finds the rows the first one committed.
 */
public final class ClusterLocks {

    private ClusterLocks() {
    }

    /** Takes the lock {@code name} in the current transaction; call first thing inside it. */
    public static Uni<Void> holdForTransaction(String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(hashtext(current_schema()), hashtext(?1))) l")
                .setParameter(1, name).getSingleResult()).replaceWithVoid();
    }
}
