package io.fieldcast.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay's pace. */
@ConfigMapping(prefix = "fieldcast.outbox")
public interface OutboxSettings {

    /** Whether this instance relays (every instance may; an advisory lock lets one at a time do it). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * The longest the relay waits for new rows when idle: a committed row wakes it at once (the outbox table notifies
     * its schema's channel), so this only bounds the wait for a row whose notification was missed.
     */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Rows published per round; they are sent in id order and acknowledged together. */
    @WithDefault("500")
    int batchSize();

    /** Wait after a failed round (e.g. the broker is down) before trying again; doubles up to 30 s. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** Published rows older than this are deleted, and so are processed-event marks (longer than Kafka keeps events). */
    @WithDefault("P7D")
    Duration retention();

    /** How often one instance of the service purges what is past retention. */
    @WithDefault("PT1H")
    Duration purgeEvery();
}
