package io.fieldcast.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long idempotency keys live, and when an unfinished first attempt may be taken over by a retry. */
@ConfigMapping(prefix = "fieldcast.idempotency")
public interface IdempotencySettings {

    /** A key expires this long after its first use (domain time): then it is free again and purged. */
    @WithDefault("24h")
    Duration retention();

    /**
     * A first attempt that has not answered after this long is taken to have died (its process crashed) and a retry
     * with the same request may run instead; should the first attempt still finish, its write is rolled back.
     */
    @WithDefault("5m")
    Duration inProgressTimeout();

    /** How often expired keys are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Whether this instance purges expired keys (a delete by time, harmless when several instances do it). */
    @WithDefault("true")
    boolean purgeEnabled();
}
