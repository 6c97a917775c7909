package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.Rows;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.report.HeldReason;
import io.fieldcast.events.Events;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.platform.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Asks the technician how long the job in hand still takes when the next customer's first window waits on it. A visit
 * an hour or more away whose window cannot be told yet because no window is likely enough, or because one that holds
 * would keep the van waiting outside, is mostly waiting for the end of the job under way; the technician on site knows
 * more of that than the job's history, and a word said now is worth far more than one said at the start of a long job
 * (its doubt grows with the minutes it spans). So the phone asks, at most once per {@code ask-every} per job, at most
 * {@code ask-max-per-job} times, never while a word said within {@code ask-every} stands, and only for a customer whose
 * likeliest arrival is within {@code ask-lead}. The question and its event are stored in the caller's transaction.
 */
@ApplicationScoped
public class TimeLeftAsks {

    private static final Logger LOG = Logger.getLogger(TimeLeftAsks.class);
    /**
     * The held reasons a word of the time left can lift: not enough certainty, too much waiting for it, or a window
     * pushed past the end of the shift by a job feared to run on.
     */
    private static final Set<HeldReason> ASKABLE = Set.of(HeldReason.UNLIKELY, HeldReason.LONG_WAIT,
            HeldReason.PAST_SHIFT);

    /** A visit without a told window, its forecast, and why it was held (the stored text, null: not held). */
    public record Held(VisitForecast forecast, String reason) {
    }

    /** A question to put: the job in hand, and the customer waiting on it. */
    public record Ask(UUID jobInHand, UUID waiting) {
    }

    private final Outbox outbox;
    private final boolean enabled;
    private final Duration lead;
    private final Duration every;
    private final int maxPerJob;
    private final Counter asked;

    public TimeLeftAsks(Outbox outbox, EtaSettings settings, MeterRegistry meters) {
        this.outbox = outbox;
        EtaSettings.Forecast f = settings.forecast();
        this.enabled = f.askTimeLeft() && f.timeLeft();
        this.lead = f.askLead();
        this.every = f.askEvery();
        this.maxPerJob = f.askMaxPerJob();
        this.asked = Counter.builder("eta.time-left.asked")
                .description("questions to technicians on site: how long the job in hand still takes")
                .register(meters);
    }

    /**
     * The question worth putting now, if any: the job the technician is on (none: nothing to ask), unless a word of it
     * was said within {@code fresh}; and the customer with the earliest likeliest arrival within {@code lead} whose
     * first window is held for want of certainty or for the wait it would cost.
     */
    static Optional<Ask> choose(DayState day, List<Held> held, Instant now, Duration lead, Duration fresh) {
        Optional<VisitPlan> inHand = day.visits().stream()
                .filter(v -> day.progressOf(v.appointmentId()).inService())
                .max(Comparator.comparing(v -> day.progressOf(v.appointmentId()).arrivedAt()));
        if (inHand.isEmpty()) {
            return Optional.empty();
        }
        UUID job = inHand.get().appointmentId();
        VisitProgress.TimeLeft word = day.progressOf(job).timeLeft();
        if (word != null && word.saidAt().isAfter(now.minus(fresh))) {
            return Optional.empty();
        }
        return held.stream()
                .filter(h -> h.reason() != null && ASKABLE.contains(HeldReason.of(h.reason())))
                .map(Held::forecast)
                .filter(f -> !f.appointmentId().equals(job) && !f.p50().isAfter(now.plus(lead)))
                .min(Comparator.comparing(VisitForecast::p50))
                .map(f -> new Ask(job, f.appointmentId()));
    }

    /** In the caller's transaction: puts the question {@link #choose} finds, unless this job was asked too lately. */
    public Uni<Void> consider(DayState day, List<Held> held, Instant now) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        Optional<Ask> ask = choose(day, held, now, lead, every);
        if (ask.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID eventId = Events.newId();
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into time_left_ask (event_id, technician_id, appointment_id, waiting_appointment_id,
                                                   asked_at)
                        select :e, :t, :a, :w, :now
                        where (select count(*) from time_left_ask where appointment_id = :a) < :max
                          and not exists (select 1 from time_left_ask where appointment_id = :a and asked_at > :since)
                        """)
                .setParameter("e", eventId).setParameter("t", day.technicianId())
                .setParameter("a", ask.get().jobInHand()).setParameter("w", ask.get().waiting())
                .setParameter("now", Rows.utc(now)).setParameter("max", (long) maxPerJob)
                .setParameter("since", Rows.utc(now.minus(every))).executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    asked.increment();
                    LOG.infof("asking %s how long visit %s still takes: visit %s waits for a window",
                            day.technicianId(), ask.get().jobInHand(), ask.get().waiting());
                    return outbox.append(new TimeLeftAsked(eventId, now, TimeLeftAsked.SCHEMA_VERSION,
                            day.technicianId(), ask.get().jobInHand(), ask.get().waiting(), now));
                });
    }
}
