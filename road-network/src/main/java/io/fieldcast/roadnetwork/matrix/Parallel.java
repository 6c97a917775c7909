package io.fieldcast.roadnetwork.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs {@code n} independent tasks on a few threads, each with its own reusable worker state (search arrays are
 * large, so they are made once per thread, not once per task). Threads take the next index from a shared counter,
 * which balances uneven search sizes.
 */
public final class Parallel {

    public interface Task<W> {
        void run(W worker, int index);
    }

    private Parallel() {
    }

    public static <W> void forEachChunk(int n, ExecutorService pool, int threads, Supplier<W> workers, Task<W> task) {
        AtomicInteger next = new AtomicInteger();
        Runnable loop = () -> {
            W worker = workers.get();
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                task.run(worker, i);
            }
        };
        int helpers = pool == null ? 0 : Math.min(threads, n) - 1;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < helpers; t++) {
            futures.add(pool.submit(loop));
        }
        loop.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                // a worker's own exception (a SnapException for a point off the map) reaches the caller unchanged
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("matrix worker failed", e.getCause());
            }
        }
    }
}
