package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.config.BookingSettings;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.events.Events;
import io.fieldcast.events.SlotSearches;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the slot searches people make (the customers' booking page, dispatchers and integration clients) per
 * territory, local day and channel, and publishes the counts as SlotSearches every {@code search-tally-every}: one
 * outbox row per territory-day-channel and period instead of one per search, which the booking page's hundreds of
 * searches a minute could not afford. The waitlist's own searches are not people looking and are not counted.
 */
@ApplicationScoped
public class SlotSearchTally {

    private static final Logger LOG = Logger.getLogger(SlotSearchTally.class);

    record Key(String territory, LocalDate day, String channel) {
    }

    /** [searches, empty] per key; taken whole when published. Guarded by this. */
    private Map<Key, int[]> counts = new HashMap<>();
    private final Outbox outbox;
    private final Clock clock;
    private final BookingSettings settings;
    private DomainTimer timer;

    public SlotSearchTally(Outbox outbox, Clock clock, BookingSettings settings) {
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    /** One search in {@code territory} on {@code channel}; {@code found}: it offered at least one window. */
    public void count(Territory territory, String channel, boolean found) {
        Key key = new Key(territory.id, LocalDate.ofInstant(clock.instant(), territory.zone()), channel);
        synchronized (this) {
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            if (!found) {
                c[1]++;
            }
        }
    }

    void start(@Observes StartupEvent startup) {
        // An operational cadence, not the day's: a day played at 600x need not publish counts ten times a second.
        timer = DomainTimer.wall("search-tally", settings.searchTallyEvery(), tick -> publishQuietly());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.close();
        }
        publishQuietly();
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.warnf(e, "slot search counts not published; they are kept for the next try");
        }
    }

    /** Writes what was counted since the last time to the outbox; returns how many events. */
    public int publish() {
        Map<Key, int[]> taken;
        synchronized (this) {
            if (counts.isEmpty()) {
                return 0;
            }
            taken = counts;
            counts = new HashMap<>();
        }
        Instant now = clock.instant();
        List<SlotSearches> events = new ArrayList<>();
        taken.forEach((k, c) -> events.add(new SlotSearches(Events.newId(), now, SlotSearches.SCHEMA_VERSION,
                k.territory(), k.day(), k.channel(), c[0], c[1])));
        try {
            Reactive.inTransaction(() -> outbox.appendAll(events));
            return events.size();
        } catch (RuntimeException e) {
            // The database is away: put the counts back, so the next period publishes them.
            synchronized (this) {
                taken.forEach((k, c) -> counts.merge(k, c, (a, b) -> new int[]{a[0] + b[0], a[1] + b[1]}));
            }
            throw e;
        }
    }
}
