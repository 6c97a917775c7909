package io.fieldcast.notify.messaging;

import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentUnassigned;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.notify.contacts.AppointmentContact;
import io.fieldcast.notify.contacts.AppointmentContacts;
import io.fieldcast.notify.persistence.NotificationStore;
import io.fieldcast.notify.policy.AppointmentView;
import io.fieldcast.notify.policy.Decision;
import io.fieldcast.notify.policy.Decision.Send;
import io.fieldcast.notify.policy.MessageKind;
import io.fieldcast.notify.policy.NotificationPolicy;
import io.fieldcast.notify.policy.PolicySettings;
import io.fieldcast.notify.policy.PortalRequest;
import io.fieldcast.notify.policy.Trigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps notify's view of each appointment current and asks the policy what to send. Run by {@link PolicyConsumer}
 * inside its transaction, a polled batch at a time: the read-model change, the notification rows and the
 * processed-event marks commit together.
 * One handler (one consumer loop) for all four topics, so changes to one appointment never race each other.
 */
@ApplicationScoped
public class NotifyEventHandler {

    private static final Logger LOG = Logger.getLogger(NotifyEventHandler.class);

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
        return Set.of(Topics.APPOINTMENTS, Topics.ROUTES, Topics.ARRIVAL_FORECASTS, Topics.VISIT_STATUS,
                Topics.PORTAL_MESSAGES);
    }

    /**
     * Applies a batch of events in order on {@code db}, a connection of the caller's transaction: the appointments
     * they touch, the phones that said STOP and the messages already stored are read with one query each, every event
     * is applied to them in memory, then the views and the messages decided are written with one statement each.
     */
    public Uni<Void> handleAll(SqlClient db, List<FieldcastEvent> events) {
        Set<UUID> ids = new LinkedHashSet<>();
        Set<String> bookedPhones = new HashSet<>();
        Map<UUID, PortalRequest> portal = new java.util.HashMap<>();
        for (FieldcastEvent event : events) {
            ids.addAll(appointmentIds(event));
            if (event instanceof AppointmentBooked b && b.customer() != null && b.customer().phone() != null) {
                bookedPhones.add(b.customer().phone());
            }
            if (event instanceof PortalMessage m) {
                // Checked before anything is written: an invalid one fails the batch and is parked on its own.
                PortalRequest request = PortalMessages.request(m);
                portal.put(m.eventId(), request);
                bookedPhones.add(request.phone());
            }
        }
        if (ids.isEmpty() && portal.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return AppointmentContacts.load(db, ids).chain(contacts -> AppointmentContacts.optedOut(db, bookedPhones)
                .chain(stopped -> store.queueFor(db, ids).chain(queue -> {
                    Set<UUID> existing = Set.copyOf(contacts.keySet());
                    Set<UUID> touched = new LinkedHashSet<>();
                    List<AppointmentContact> created = new ArrayList<>();
                    for (FieldcastEvent event : events) {
                        if (event instanceof PortalMessage m) {
                            PortalRequest request = portal.get(m.eventId());
                            queue.addPortal(request, policy.portal(request, stopped.contains(request.phone()),
                                    clock.instant()), m.occurredAt(), clock.instant());
                            continue;
                        }
                        apply(event, contacts, stopped, queue, created);
                        appointmentIds(event).stream().filter(existing::contains).forEach(touched::add);
                    }
                    List<AppointmentContact> changed = touched.stream().map(contacts::get).toList();
                    return AppointmentContacts.save(db, created, changed).chain(() -> store.write(db, queue));
                })));
    }

    /** The appointments an event speaks of. */
    static List<UUID> appointmentIds(FieldcastEvent event) {
        return switch (event) {
            case AppointmentBooked b -> List.of(b.appointmentId());
            case AppointmentRescheduled m -> List.of(m.appointmentId());
            case AppointmentCanceled c -> List.of(c.appointmentId());
            case AppointmentUnassigned u -> List.of(u.appointmentId());
            case RoutePlanned r -> r.visits().stream().map(PlannedVisit::appointmentId).toList();
            case ArrivalForecast f -> List.of(f.appointmentId());
            case VisitStatusChanged s -> s.appointmentId() == null ? List.of() : List.of(s.appointmentId());
            default -> List.of();
        };
    }

    private void apply(FieldcastEvent event, Map<UUID, AppointmentContact> contacts, Set<String> stopped,
                       NotificationStore.Queue queue, List<AppointmentContact> created) {
        switch (event) {
            case AppointmentBooked booked -> {
                AppointmentContact c = contacts.get(booked.appointmentId());
                if (c == null) {
                    c = new AppointmentContact();
                    c.appointmentId = booked.appointmentId();
                    contacts.put(c.appointmentId, c);
                    created.add(c);
                }
                booked(booked, c, stopped);
                decide(c, new Trigger.Booked(booked.occurredAt()), queue);
            }
            case AppointmentRescheduled moved -> withContact(contacts.get(moved.appointmentId()), c -> {
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
                // A newer manage link for the same appointment; without one, the booking's stays valid.
                String manage = manageUrl(moved.manageUrl(), moved.appointmentId());
                if (manage != null) {
                    c.manageUrl = manage;
                }
            }, new Trigger.Rescheduled(moved.eventId(), moved.occurredAt()), queue);
            case AppointmentCanceled canceled -> withContact(contacts.get(canceled.appointmentId()), c -> {
                c.status = "CANCELED";
                c.updatedAt = canceled.occurredAt();
            }, new Trigger.Canceled(canceled.occurredAt()), queue);
            case AppointmentUnassigned left -> withContact(contacts.get(left.appointmentId()), c -> {
                c.technicianId = null;
                c.plannedArrival = null;
                c.updatedAt = left.occurredAt();
                // Windows waiting to go out (the sender, quiet hours) no longer hold: nobody is coming.
                takeBackWindows(c, queue, Decision.Reason.VISIT_UNASSIGNED);
            }, new Trigger.Unassigned(left.occurredAt()), queue);
            case RoutePlanned route -> {
                for (PlannedVisit visit : route.visits()) {
                    AppointmentContact c = contacts.get(visit.appointmentId());
                    if (c != null) {
                        c.technicianId = route.technicianId();
                        c.technicianFirstName = route.technicianFirstName();
                        c.plannedArrival = visit.plannedArrival();
                    }
                }
            }
            case ArrivalForecast f -> forecast(f, contacts.get(f.appointmentId()), queue);
            case VisitStatusChanged s -> {
                AppointmentContact c = s.appointmentId() == null ? null : contacts.get(s.appointmentId());
                if (c != null) {
                    // The technician will not come today (the shift ran out, went home sick): windows waiting to go
                    // out (the sender, quiet hours) no longer hold, and must not follow "not today" (the next
                    // morning, after quiet hours).
                    if (NotificationPolicy.notComing(s.status(), s.reasonCode(), c.visitStatus)) {
                        takeBackWindows(c, queue, Decision.Reason.VISIT_NOT_COMING);
                    }
                    // Decided on the state before the tap, then the tap applied.
                    decide(c, new Trigger.StatusChanged(s.status(), s.occurredAt(), s.reasonCode()), queue);
                    c.visitStatus = s.status().name();
                    // The van came before those windows went out: the customer was told what was handed over.
                    if (s.status() == VisitStatus.ARRIVED
                            && takeBackWindows(c, queue, Decision.Reason.VISIT_UNDER_WAY)) {
                        LOG.infof("window texts for %s not handed over before the technician arrived: taken back",
                                c.appointmentId);
                    }
                    if (s.technicianId() != null) {
                        c.technicianId = s.technicianId();
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void booked(AppointmentBooked booked, AppointmentContact c, Set<String> stopped) {
        if (booked.customer() != null) {
            c.customerId = booked.customer().customerId();
            c.firstName = booked.customer().firstName();
            c.phone = booked.customer().phone();
            c.email = booked.customer().email();
            c.language = booked.customer().language() == null ? "en" : booked.customer().language();
            c.smsOptIn = booked.customer().smsOptIn();
            c.emailOptIn = booked.customer().emailOptIn();
        }
        if (c.language == null) {
            c.language = "en"; // a booking without a customer (an import, a system's event) is still a booking
        }
        c.timeZone = booked.timeZone() == null ? ZoneId.of("UTC").getId() : booked.timeZone();
        c.territoryId = booked.territoryId();
        if (booked.location() != null) {
            c.homeLat = booked.location().lat();
            c.homeLon = booked.location().lon();
        }
        c.windowStart = booked.windowStart();
        c.windowEnd = booked.windowEnd();
        c.status = "BOOKED";
        c.updatedAt = booked.occurredAt();
        c.smsOptedOut = c.phone != null && stopped.contains(c.phone);
        String manage = manageUrl(booked.manageUrl(), booked.appointmentId());
        if (manage != null) {
            c.manageUrl = manage;
        }
    }

    /** The manage link when it is an http(s) link; anything else is not put into texts or pages (logged, not kept). */
    private static String manageUrl(String url, UUID appointment) {
        if (url == null) {
            return null;
        }
        if (!PortalMessages.isWebLink(url)) {
            LOG.warnf("the manage link of appointment %s is not an http(s) URL; not kept", appointment);
            return null;
        }
        return url;
    }

    private void forecast(ArrivalForecast f, AppointmentContact c, NotificationStore.Queue queue) {
        if (c == null) {
            return;
        }
        decide(c, new Trigger.Forecast(f.forecastVersion(), f.p50Arrival(), f.windowStart(), f.windowEnd(),
                f.occurredAt(), f.cause(), f.probabilityInWindow()), queue);
        if (f.forecastVersion() > c.forecastVersion) {
            c.forecastVersion = f.forecastVersion();
            c.forecastP50 = f.p50Arrival();
            c.forecastStart = f.windowStart();
            c.forecastEnd = f.windowEnd();
            if (f.technicianId() != null) {
                c.technicianId = f.technicianId();
            }
        }
    }

    /** Applies {@code change} first, then decides (cancel, reschedule: the message speaks of the new state). */
    /**
     * Takes back the window texts of {@code c} not handed over yet ({@code why}); the customer's told window is then
     * the last one a text handed over. Returns whether any was taken back.
     */
    private static boolean takeBackWindows(AppointmentContact c, NotificationStore.Queue queue, Decision.Reason why) {
        if (!queue.withdrawWindows(c.appointmentId, why)) {
            return false;
        }
        var told = queue.lastTold(c.appointmentId);
        c.toldStart = told == null ? null : told.start();
        c.toldEnd = told == null ? null : told.end();
        return true;
    }

    private void withContact(AppointmentContact c, Consumer<AppointmentContact> change, Trigger trigger,
                             NotificationStore.Queue queue) {
        if (c != null) {
            change.accept(c);
            decide(c, trigger, queue);
        }
    }

    /** Runs the policy for one appointment and queues what it decided; true when it queued a message. */
    private boolean decide(AppointmentContact c, Trigger trigger, NotificationStore.Queue queue) {
        Instant now = clock.instant();
        // A first window still waiting for quiet hours to end has told the customer nothing yet: a newer forecast
        // is decided as a first window again, and takes its place in that text.
        AppointmentView view = queue.holdsFirstWindow(c.appointmentId, now) ? c.view().untold() : c.view();
        List<Send> added = queue.add(c, policy.decide(view, trigger, now), trigger.at(), now);
        added.forEach(s -> told(c, s, now));
        return !added.isEmpty();
    }

    /**
     * Runs the policy for each appointment with its own trigger and writes on {@code db} what it decided and the views
     * of the appointments that got a message (the reminder scan: the others are left as they are).
     */
    public Uni<Void> decideAll(SqlClient db, List<AppointmentContact> contacts,
                               Function<AppointmentContact, Trigger> trigger) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.queueFor(db, contacts.stream().map(c -> c.appointmentId).toList()).chain(queue -> {
            List<AppointmentContact> changed = contacts.stream().filter(c -> decide(c, trigger.apply(c), queue))
                    .toList();
            return AppointmentContacts.save(db, List.of(), changed).chain(() -> store.write(db, queue));
        });
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
