package io.fieldcast.notify.messaging;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.contacts.AppointmentContacts;
import io.fieldcast.notify.policy.Trigger;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * "Reminder the day before": every scan, appointments whose promised window starts tomorrow in the customer's zone
 * get a reminder once the local reminder hour has passed. The notification's unique key makes repeated scans (and
 * several replicas) harmless.
 */
@ApplicationScoped
public class ReminderScheduler {

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    private final NotifyEventHandler decisions;
    private final NotifySettings config;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final Pool pool;
    private DomainTimer timer;

    public ReminderScheduler(NotifyEventHandler decisions, NotifySettings config, Clock clock, ClusterJobs jobs,
                             Pool pool) {
        this.pool = pool;
        this.decisions = decisions;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent event) {
        // Domain time: a day played at 60× sends its reminders on time in its own minutes.
        timer = DomainTimer.every("notify-reminders", clock, config.policy().reminderScan(), this::scanQuietly);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.close();
        }
    }

    private void scanQuietly(Duration tick) {
        try {
            // One instance scans each period; the unique key would absorb a second scan, but not its cost.
            if (jobs.claimTick("notify.reminders", tick)) {
                scan();
            }
        } catch (Throwable e) {
            LOG.warnf(e, "reminder scan failed; next scan tries again");
        }
    }

    /** Queues the reminders due now; returns how many appointments were considered. */
    public int scan() {
        Instant now = clock.instant();
        return Reactive.await(() -> pool.withTransaction(db -> AppointmentContacts.waitingBetween(db, now,
                        now.plus(2, ChronoUnit.DAYS))
                .chain(candidates -> remind(db, candidates.stream().filter(c -> due(c, now)).toList()))));
    }

    private boolean due(AppointmentContact c, Instant now) {
        ZoneId zone = ZoneId.of(c.timeZone);
        ZonedDateTime local = now.atZone(zone);
        return c.windowStart.atZone(zone).toLocalDate().equals(local.toLocalDate().plusDays(1))
                && !local.toLocalTime().isBefore(config.policy().reminderAt());
    }

    private Uni<Integer> remind(SqlConnection db, List<AppointmentContact> due) {
        Instant now = clock.instant();
        return decisions.decideAll(db, due, c -> new Trigger.ReminderDue(now)).replaceWith(due.size());
    }
}
