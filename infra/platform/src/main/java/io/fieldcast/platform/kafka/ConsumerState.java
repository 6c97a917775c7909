package io.fieldcast.platform.kafka;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one consumer loop tells the rest of the service: whether it runs, since when it fails (monotonic nanos, 0 when
 * it does not), its last error, how many events it applied and parked, how often it was restarted.
 */
public final class ConsumerState {

    private final String group;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private volatile long failingSince;
    private volatile String lastError = "";
    private volatile boolean dead;
    private volatile int restarts;

    ConsumerState(String group) {
        this.group = group;
    }

    /** A snapshot for readiness and the admin API. */
    public record View(String group, boolean running, long failingForMs, String lastError, long applied,
                       long parked, int restarts) {
    }

    void ok() {
        failingSince = 0;
    }

    void failing(Throwable e) {
        if (failingSince == 0) {
            failingSince = System.nanoTime();
        }
        lastError = Failures.describe(e);
    }

    void died(Throwable e) {
        dead = true;
        lastError = Failures.describe(e);
    }

    void restarted() {
        dead = false;
        failingSince = 0;
        restarts++;
    }

    void applied(int n) {
        applied.addAndGet(n);
    }

    void parked() {
        parked.incrementAndGet();
    }

    boolean dead() {
        return dead;
    }

    public View view() {
        long since = failingSince;
        return new View(group, !dead, since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000, lastError,
                applied.get(), parked.get(), restarts);
    }
}
