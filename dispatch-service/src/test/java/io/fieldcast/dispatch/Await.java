package io.fieldcast.dispatch;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what the service does asynchronously (a consumer, a re-plan) to become visible through its API. */
public final class Await {

    /** Long enough for a re-plan on a loaded 2-core machine; a test that waits this long has failed anyway. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private Await() {
    }

    /** Polls {@code condition} every 200 ms until it holds, or fails saying what never happened. */
    public static void until(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never: " + what);
    }
}
