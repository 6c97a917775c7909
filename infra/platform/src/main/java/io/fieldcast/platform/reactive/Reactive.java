package io.fieldcast.platform.reactive;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * The one bridge from the reactive database client to code that runs on a worker thread (a Kafka poll loop, a
 * scheduler, a solve, an endpoint marked blocking): the step runs on a Vert.x context and the caller waits for it.
 * Checked failures come back as {@link IllegalStateException}; runtime ones as they were.
 */
public final class Reactive {

    private Reactive() {
    }

    /** Runs {@code step} and waits for its item. */
    public static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} in a transaction of its own and waits for its item. */
    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    /** Runs {@code work} in a session (no transaction) and waits for its item. */
    public static <T> T inSession(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work));
    }
}
