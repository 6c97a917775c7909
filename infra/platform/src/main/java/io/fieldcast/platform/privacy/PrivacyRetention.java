package io.fieldcast.platform.privacy;

import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the service's {@link RetentionPass}es every {@link PrivacySettings#retentionEvery()}, each claimed once across
 * the service's instances ({@link ClusterJobs}), at the service's clock. A failed pass is logged and tried again at the
 * next tick; nothing it did not finish is lost, since each pass is idempotent.
 */
@ApplicationScoped
public class PrivacyRetention {

    private static final Logger LOG = Logger.getLogger(PrivacyRetention.class);

    private final List<RetentionPass> passes;
    private final PrivacySettings settings;
    private final ClusterJobs jobs;
    private final Clock clock;
    private DomainTimer timer;

    public PrivacyRetention(Instance<RetentionPass> passes, PrivacySettings settings, ClusterJobs jobs, Clock clock) {
        this.passes = passes.stream().toList();
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.retentionEnabled() || passes.isEmpty()) {
            return;
        }
        timer = DomainTimer.wall("privacy-retention", settings.retentionEvery(), tick -> runClaimed());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.close();
        }
    }

    private void runClaimed() {
        for (RetentionPass pass : passes) {
            try {
                if (jobs.claimTick("privacy." + pass.name(), settings.retentionEvery())) {
                    run(pass);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "privacy retention %s failed; the next tick tries again", pass.name());
            }
        }
    }

    private int run(RetentionPass pass) {
        int changed = pass.run(clock.instant(), settings);
        if (changed > 0) {
            LOG.infof("privacy retention %s anonymized %d row(s)", pass.name(), changed);
        }
        return changed;
    }

    /** Runs every pass now on this instance, unclaimed (admins' tools and tests); rows changed per pass. */
    public Map<String, Integer> runNow() {
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (RetentionPass pass : passes) {
            changed.put(pass.name(), run(pass));
        }
        return changed;
    }
}
