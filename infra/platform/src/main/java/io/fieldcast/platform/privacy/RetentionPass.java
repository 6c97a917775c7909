package io.fieldcast.platform.privacy;

import java.time.Instant;

/**
 * One service's anonymization of personal data past its retention period, run by {@link PrivacyRetention}. An
 * implementation is a CDI bean; it anonymizes in place (never deletes rows that reports count) and is idempotent: a
 * second run at the same time changes nothing.
 */
public interface RetentionPass {

    /** The pass's name in logs and in {@code cluster_job_run}, e.g. {@code notify.messages}. */
    String name();

    /** Anonymizes what is past retention at {@code now} (the service's clock); returns how many rows it changed. */
    int run(Instant now, PrivacySettings settings);
}
