package io.fieldcast.notify.messaging;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.contacts.SmsOptOut;
import io.fieldcast.notify.persistence.NotificationStore;
import io.fieldcast.notify.policy.Decision;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.policy.NotificationPolicy;
import io.fieldcast.notify.policy.PolicySettings;
import io.fieldcast.notify.policy.Trigger;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps notify's view of each appointment current and asks the policy what to send. Run by {@link PolicyConsumer}
 * inside its transaction: the read-model change, the notification rows and the processed-event mark commit together.
 * One handler (one consumer loop) for all four topics, so changes to one appointment never race each other.
 */
@ApplicationScoped
public class NotifyEventHandler {

    private final NotificationStore store;
    private final NotificationPolicy policy;
    private final Clock clock;

    public NotifyEventHandler(NotificationStore store, NotifySettings config, Clock clock) {
        this.store = store;
        this.policy = new NotificationPolicy(policySettings(config.policy()));
        this.clock = clock;
    }

    /** The policy's knobs as plain values: config knows no other package, the policy no configuration. */
    private static PolicySettings policySettings(NotifySettings.Policy policy) {
        return new PolicySettings(policy.quietStart(), policy.quietEnd(), policy.materialMove(),
                policy.maxUpdatesPerDay(), policy.lateTolerance());
    }

    public String consumerGroup() {
        return "notify.policy";
    }

    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS, Topics.ROUTES, Topics.ARRIVAL_FORECASTS, Topics.VISIT_STATUS);
    }

    public Uni<Void> handle(FieldcastEvent event) {
        return switch (event) {
            case AppointmentBooked booked -> booked(booked);
            case AppointmentRescheduled moved -> withContact(moved.appointmentId(), c -> {
                c.windowStart = moved.windowStart();
                c.windowEnd = moved.windowEnd();
                c.status = "BOOKED";
                // A new promise: what was told about the old one no longer holds.
                c.toldStart = null;
                c.toldEnd = null;
                c.toldCause = null;
                c.toldProbability = null;
                c.visitStatus = null;
                c.updatedAt = moved.occurredAt();
            }, new Trigger.Rescheduled(moved.eventId(), moved.occurredAt()));
            case AppointmentCanceled canceled -> withContact(canceled.appointmentId(), c -> {
                c.status = "CANCELED";
                c.updatedAt = canceled.occurredAt();
            }, new Trigger.Canceled(canceled.occurredAt()));
            case RoutePlanned route -> route(route);
            case ArrivalForecast f -> forecast(f);
            case VisitStatusChanged s -> decideThen(s.appointmentId(),
                    new Trigger.StatusChanged(s.status(), s.occurredAt()), c -> {
                        c.visitStatus = s.status().name();
                        if (s.technicianId() != null) {
                            c.technicianId = s.technicianId();
                        }
                    });
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> booked(AppointmentBooked booked) {
        return AppointmentContact.<AppointmentContact>findById(booked.appointmentId()).chain(existing -> {
            AppointmentContact c = existing != null ? existing : new AppointmentContact();
            c.appointmentId = booked.appointmentId();
            if (booked.customer() != null) {
                c.customerId = booked.customer().customerId();
                c.firstName = booked.customer().firstName();
                c.phone = booked.customer().phone();
                c.email = booked.customer().email();
                c.language = booked.customer().language() == null ? "en" : booked.customer().language();
                c.smsOptIn = booked.customer().smsOptIn();
                c.emailOptIn = booked.customer().emailOptIn();
            }
            c.timeZone = booked.timeZone() == null ? ZoneId.of("UTC").getId() : booked.timeZone();
            c.windowStart = booked.windowStart();
            c.windowEnd = booked.windowEnd();
            c.status = "BOOKED";
            c.updatedAt = booked.occurredAt();
            return SmsOptOut.isOptedOut(c.phone).chain(stopped -> {
                c.smsOptedOut = stopped;
                return c.<AppointmentContact>persist();
            }).chain(saved -> decide(saved, new Trigger.Booked(booked.occurredAt())));
        });
    }

    private Uni<Void> route(RoutePlanned route) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedVisit visit : route.visits()) {
            chain = chain.chain(() -> AppointmentContact.<AppointmentContact>findById(visit.appointmentId())
                    .invoke(c -> {
                        if (c != null) {
                            c.technicianId = route.technicianId();
                            c.technicianFirstName = route.technicianFirstName();
                            c.plannedArrival = visit.plannedArrival();
                        }
                    }).replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> forecast(ArrivalForecast f) {
        var trigger = new Trigger.Forecast(f.forecastVersion(), f.p50Arrival(), f.windowStart(), f.windowEnd(),
                f.occurredAt(), f.cause(), f.probabilityInWindow());
        return AppointmentContact.<AppointmentContact>findById(f.appointmentId()).chain(c -> {
            if (c == null) {
                return Uni.createFrom().voidItem();
            }
            return decide(c, trigger).invoke(() -> {
                if (f.forecastVersion() > c.forecastVersion) {
                    c.forecastVersion = f.forecastVersion();
                    c.forecastP50 = f.p50Arrival();
                    c.forecastStart = f.windowStart();
                    c.forecastEnd = f.windowEnd();
                    if (f.technicianId() != null) {
                        c.technicianId = f.technicianId();
                    }
                }
            });
        });
    }

    /** Applies {@code change} first, then decides (cancel, reschedule: the message speaks of the new state). */
    private Uni<Void> withContact(UUID appointmentId, Consumer<AppointmentContact> change, Trigger trigger) {
        return AppointmentContact.<AppointmentContact>findById(appointmentId).chain(c -> {
            if (c == null) {
                return Uni.createFrom().voidItem();
            }
            change.accept(c);
            return decide(c, trigger);
        });
    }

    /** Decides on the state before the event, then applies {@code change} (a status tap). */
    private Uni<Void> decideThen(UUID appointmentId, Trigger trigger, Consumer<AppointmentContact> change) {
        if (appointmentId == null) {
            return Uni.createFrom().voidItem();
        }
        return AppointmentContact.<AppointmentContact>findById(appointmentId).chain(c -> c == null
                ? Uni.createFrom().voidItem()
                : decide(c, trigger).invoke(() -> change.accept(c)));
    }

    /** Runs the policy for one appointment and queues what it decided; also used by the reminder scan. */
    public Uni<Void> decide(AppointmentContact c, Trigger trigger) {
        Instant now = clock.instant();
        List<Decision> decisions = policy.decide(c.view(), trigger, now);
        return store.record(c, decisions, trigger.at(), now).invoke(sent -> sent.forEach(s -> told(c, s, now)))
                .replaceWithVoid();
    }

    private static void told(AppointmentContact c, Send send, Instant now) {
        if (send.tellsWindow() != null) {
            c.toldStart = send.tellsWindow().start();
            c.toldEnd = send.tellsWindow().end();
            c.toldCause = send.content() == null ? null : send.content().cause();
            c.toldProbability = send.content() == null ? null : send.content().probability();
        }
        if (send.kind() == MessageKind.WINDOW_UPDATED) {
            var today = now.atZone(ZoneId.of(c.timeZone)).toLocalDate();
            c.updatesCount = today.equals(c.updatesDay) ? c.updatesCount + 1 : 1;
            c.updatesDay = today;
        }
    }
}
