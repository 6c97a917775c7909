package io.fieldcast.platform.idempotency;

import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;


/**
 * Deletes expired idempotency keys every {@link IdempotencySettings#purgeInterval()}, on one instance of the service
 * ({@link ClusterJobs}); expiry is domain time.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final ClusterJobs jobs;
    private DomainTimer timer;

    public IdempotencyPurge(IdempotencyKeys keys, IdempotencySettings settings, ClusterJobs jobs) {
        this.keys = keys;
        this.settings = settings;
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.purgeEnabled()) {
            return;
        }
        timer = DomainTimer.wall("idempotency-purge", settings.purgeInterval(), tick -> purgeQuietly());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.close();
        }
    }

    private void purgeQuietly() {
        try {
            if (jobs.claimTick("platform.idempotency-purge", settings.purgeInterval())) {
                purge();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "idempotency key purge failed; the next one tries again");
        }
    }

    /** Deletes the keys past retention now; returns how many. */
    public int purge() {
        int purged = Reactive.inTransaction(keys::purge);
        if (purged > 0) {
            LOG.debugf("purged %d expired idempotency keys", purged);
        }
        return purged;
    }
}
