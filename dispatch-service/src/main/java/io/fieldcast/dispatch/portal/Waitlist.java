package io.fieldcast.dispatch.portal;

import io.fieldcast.dispatch.booking.AppointmentChanges;
import io.fieldcast.dispatch.booking.AppointmentDtos;
import io.fieldcast.dispatch.booking.ManageLinks;
import io.fieldcast.dispatch.booking.Slot;
import io.fieldcast.dispatch.booking.SlotFinder;
import io.fieldcast.dispatch.config.BookingSettings;
import io.fieldcast.dispatch.config.PortalSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.DayChanged;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.portal.PortalDtos.Offer;
import io.fieldcast.events.Events;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.cluster.ClusterLocks;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Customers who asked for an earlier window. A scan (every {@code fieldcast.portal.waitlist.scan-every}, and soon after
 * a day changed) looks, in the order customers joined, for windows earlier than theirs that the plans can now absorb
 * (a cancellation, a reschedule, a re-plan freed them); each such window is offered at once to the first few of them
 * by text. The first to accept gets it, through the same reschedule a dispatcher's goes through (the day's lock, the
 * capacity check, audit, re-plan); the fill is a conditional write in that transaction, so two acceptances of one
 * offer cannot both succeed, and the others are told it is gone. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class Waitlist {

    static final String WAITING = "WAITING";
    static final String OFFERED = "OFFERED";
    static final String FILLED = "FILLED";
    static final String ENDED = "ENDED";
    private static final Logger LOG = Logger.getLogger(Waitlist.class);
    private static final int MAX_PER_SCAN = 200;
    private static final int MAX_DAYS_AHEAD = 7;

    private final SlotFinder finder;
    private final AppointmentChanges changes;
    private final ManageLinks links;
    private final Outbox outbox;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final PortalSettings settings;
    private final BookingSettings bookingSettings;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("waitlist").factory());
    private final AtomicBoolean soon = new AtomicBoolean();

    public Waitlist(SlotFinder finder, AppointmentChanges changes, ManageLinks links, Outbox outbox, AuditLog audit,
                    ClusterJobs jobs, PortalSettings settings, BookingSettings bookingSettings, Clock clock) {
        this.finder = finder;
        this.changes = changes;
        this.links = links;
        this.outbox = outbox;
        this.audit = audit;
        this.jobs = jobs;
        this.settings = settings;
        this.bookingSettings = bookingSettings;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        long every = settings.waitlist().scanEvery().toMillis();
        worker.scheduleWithFixedDelay(() -> scanClaimed("tick"), every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }

    /** A cancellation or a re-plan may have freed a window: scan shortly, once for a burst of changes. */
    void onDayChanged(@Observes DayChanged change) {
        if (soon.compareAndSet(false, true)) {
            worker.schedule(() -> {
                soon.set(false);
                scanQuietly();
            }, 2, TimeUnit.SECONDS);
        }
    }

    private void scanClaimed(String why) {
        if (jobs.claimTick("dispatch.waitlist", settings.waitlist().scanEvery())) {
            scanQuietly();
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warnf(e, "waitlist scan failed; the next one tries again");
        }
    }

    /** Where an appointment stands on the waitlist, with the offers it may accept now; null when it never joined. */
    public record State(String status, List<Offer> offers) {
    }

    public State stateOf(UUID appointmentId) {
        Instant now = clock.instant();
        return Reactive.inSession(() -> WaitlistEntry.<WaitlistEntry>findById(appointmentId).chain(entry -> {
            if (entry == null) {
                return Uni.createFrom().nullItem();
            }
            return WaitlistOffer.<WaitlistOffer>list("from WaitlistOffer o where o.filledBy is null and o.expiresAt > "
                            + "?1 and exists (select 1 from OfferRecipient r where r.offerId = o.id and "
                            + "r.appointmentId = ?2 and r.status = 'OFFERED') order by o.windowStart", now,
                    appointmentId).map(offers -> new State(entry.status, offers.stream().map(o -> new Offer(o.id,
                    o.windowStart, o.windowEnd, o.expiresAt)).toList()));
        }));
    }

    /** Puts the appointment on the waitlist (again); 409 once it can no longer move. */
    public void join(Appointment a) {
        if (!a.status.changeable()) {
            throw ApiException.conflict("this appointment is " + a.status.name().toLowerCase() + " and can no longer "
                    + "move", null);
        }
        Instant now = clock.instant();
        Reactive.inTransaction(() -> WaitlistEntry.<WaitlistEntry>findById(a.id).chain(entry -> {
            if (entry != null && (WAITING.equals(entry.status) || OFFERED.equals(entry.status))) {
                return Uni.createFrom().voidItem();
            }
            WaitlistEntry e = entry != null ? entry : new WaitlistEntry();
            e.appointmentId = a.id;
            e.territoryId = a.territoryId;
            e.createdAt = now;
            e.status = WAITING;
            e.updatedAt = now;
            return e.persist().chain(() -> audit.record("appointment", a.id.toString(), "WAITLIST_JOINED",
                    PortalService.LINK_ACTOR, null, null, null));
        }));
        onDayChanged(new DayChanged(a.territoryId, a.serviceDate, "waitlist joined"));
    }

    public void leave(Appointment a) {
        Instant now = clock.instant();
        Reactive.inTransaction(() -> WaitlistEntry.<WaitlistEntry>findById(a.id).chain(entry -> {
            if (entry == null || ENDED.equals(entry.status) || FILLED.equals(entry.status)) {
                return Uni.createFrom().voidItem();
            }
            entry.status = ENDED;
            entry.updatedAt = now;
            return OfferRecipient.update("status = 'EXPIRED' where appointmentId = ?1 and status = 'OFFERED'", a.id)
                    .chain(() -> audit.record("appointment", a.id.toString(), "WAITLIST_LEFT",
                            PortalService.LINK_ACTOR, null, null, null));
        }));
    }

    /**
     * Takes an offered window: 409 when someone else took it first, when it expired, or when the plans can no longer
     * absorb it at this customer's place (with other windows offered).
     */
    public void accept(Appointment a, UUID offerId) {
        Instant now = clock.instant();
        WaitlistOffer offer = Reactive.inSession(() -> WaitlistOffer.<WaitlistOffer>findById(offerId));
        OfferRecipient mine = offer == null ? null : Reactive.inSession(() -> OfferRecipient.<OfferRecipient>find(
                "offerId = ?1 and appointmentId = ?2", offerId, a.id).firstResult());
        if (offer == null || mine == null) {
            throw ApiException.notFound("offer " + offerId);
        }
        if (offer.filledBy != null || "TAKEN".equals(mine.status)) {
            throw ApiException.conflict("someone else took this window first; you keep your appointment and stay "
                    + "on the waitlist", null);
        }
        if (!now.isBefore(offer.expiresAt) || !OFFERED.equals(mine.status)) {
            throw ApiException.conflict("this offer has expired; you keep your appointment", null);
        }
        changes.reschedule(a.id, new AppointmentDtos.RescheduleRequest(offer.windowStart, offer.windowEnd,
                "customer took an earlier window from the waitlist"), PortalService.linkAccess(a),
                v -> fill(offer, a.id, now));
    }

    /** In the reschedule's transaction: the one fill of the offer, the others told it is gone. */
    private Uni<Void> fill(WaitlistOffer offer, UUID taker, Instant now) {
        return WaitlistOffer.update("filledBy = ?1, filledAt = ?2 where id = ?3 and filledBy is null", taker, now,
                        offer.id)
                .invoke(updated -> {
                    if (updated == 0) {
                        throw ApiException.conflict("someone else took this window first; you keep your appointment "
                                + "and stay on the waitlist", null);
                    }
                })
                .chain(() -> OfferRecipient.update("status = 'ACCEPTED' where offerId = ?1 and appointmentId = ?2",
                        offer.id, taker))
                .chain(() -> WaitlistEntry.update("status = ?1, updatedAt = ?2 where appointmentId = ?3", FILLED, now,
                        taker))
                .chain(() -> OfferRecipient.<OfferRecipient>list("offerId = ?1 and appointmentId <> ?2 and status = "
                        + "'OFFERED'", offer.id, taker))
                .chain(others -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (OfferRecipient other : others) {
                        chain = chain.chain(() -> OfferRecipient.update("status = 'TAKEN' where id = ?1", other.id))
                                .chain(() -> WaitlistEntry.update("status = ?1, updatedAt = ?2 where appointmentId = ?3 "
                                        + "and status = ?4", WAITING, now, other.appointmentId, OFFERED))
                                .chain(() -> message(PortalMessage.WAITLIST_TAKEN, other.appointmentId, offer, now));
                    }
                    return chain;
                })
                .chain(() -> audit.record("appointment", taker.toString(), "WAITLIST_FILLED",
                        PortalService.LINK_ACTOR, "offer " + offer.id, null, null));
    }

    /**
     * Makes the offer unless another instance's scan offered the window meanwhile, to those still waiting: under the
     * territory's waitlist lock, so two scans never offer one freed window twice. Returns who it went to.
     */
    private Uni<List<UUID>> offerOnce(WaitlistOffer offer, List<Appointment> to, Instant now) {
        List<UUID> ids = to.stream().map(a -> a.id).toList();
        return ClusterLocks.holdForTransaction("dispatch.waitlist." + offer.territoryId)
                .chain(() -> WaitlistOffer.count("territoryId = ?1 and windowStart = ?2 and filledBy is null and "
                        + "expiresAt > ?3", offer.territoryId, offer.windowStart, now))
                .chain(open -> open > 0 ? Uni.createFrom().item(List.<UUID>of())
                        : WaitlistEntry.<WaitlistEntry>list("appointmentId in ?1 and status = ?2", ids, WAITING)
                        .map(still -> ids.stream().filter(id -> still.stream()
                                .anyMatch(e -> e.appointmentId.equals(id))).toList()))
                .chain(recipients -> {
                    if (recipients.isEmpty()) {
                        return Uni.createFrom().item(recipients);
                    }
                    Uni<Void> chain = offer.persist().replaceWithVoid();
                    for (UUID id : recipients) {
                        OfferRecipient r = new OfferRecipient();
                        r.id = UUID.randomUUID();
                        r.offerId = offer.id;
                        r.appointmentId = id;
                        r.status = OFFERED;
                        chain = chain.chain(() -> r.persist().replaceWithVoid())
                                .chain(() -> WaitlistEntry.update("status = ?1, updatedAt = ?2 where appointmentId = "
                                        + "?3", OFFERED, now, id).replaceWithVoid())
                                .chain(() -> message(PortalMessage.WAITLIST_OFFER, id, offer, now));
                    }
                    return chain.replaceWith(recipients);
                });
    }

    private Uni<Void> message(String kind, UUID appointmentId, WaitlistOffer offer, Instant now) {
        return Appointment.<Appointment>findById(appointmentId).chain(a -> Customer.<Customer>findById(a.customerId)
                .chain(c -> Territory.<Territory>findById(a.territoryId).chain(t -> {
                    if (c == null || c.forgottenAt != null || c.phone == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return outbox.append(new PortalMessage(Events.newId(), now, PortalMessage.SCHEMA_VERSION, kind,
                            c.phone, c.language, t.timeZone, a.id, null, links.urlFor(a.id, a.windowEnd),
                            offer.windowStart, offer.windowEnd, offer.expiresAt));
                })));
    }

    /** One pass: expire old offers, end entries that cannot move any more, offer freed windows. Returns offers made. */
    public synchronized int scan() {
        Instant now = clock.instant();
        Reactive.inTransaction(() -> WaitlistOffer.<WaitlistOffer>list("filledBy is null and expiresAt <= ?1 and "
                + "exists (select 1 from OfferRecipient r where r.offerId = id and r.status = 'OFFERED')", now)
                .chain(expired -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (WaitlistOffer o : expired) {
                        chain = chain.chain(() -> OfferRecipient.update("status = 'EXPIRED' where offerId = ?1 and "
                                + "status = 'OFFERED'", o.id).replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> WaitlistEntry.update("status = ?1, updatedAt = ?2 where status = ?3 and not exists ("
                        + "select 1 from OfferRecipient r, WaitlistOffer o where r.appointmentId = appointmentId and "
                        + "r.offerId = o.id and r.status = 'OFFERED' and o.filledBy is null)", WAITING, now, OFFERED))
                .chain(() -> WaitlistEntry.update("status = ?1, updatedAt = ?2 where status in ?3 and appointmentId "
                        + "not in (select a.id from Appointment a where a.status in ?4)", ENDED, now,
                        List.of(WAITING, OFFERED), List.of(AppointmentStatus.BOOKED, AppointmentStatus.SCHEDULED))));
        List<WaitlistEntry> waiting = Reactive.inSession(() -> WaitlistEntry.<WaitlistEntry>find("status = ?1 order "
                + "by createdAt", WAITING).range(0, MAX_PER_SCAN - 1).list());
        Map<String, List<WaitlistEntry>> byTerritory = new TreeMap<>();
        waiting.forEach(e -> byTerritory.computeIfAbsent(e.territoryId, t -> new ArrayList<>()).add(e));
        int made = 0;
        for (var territory : byTerritory.entrySet()) {
            made += offerFreedWindows(territory.getKey(), territory.getValue(), now);
        }
        return made;
    }

    /** The waiting entries' appointments, read in one query. */
    private static Map<UUID, Appointment> appointments(List<WaitlistEntry> waiting) {
        List<UUID> ids = waiting.stream().map(e -> e.appointmentId).toList();
        Map<UUID, Appointment> byId = new HashMap<>();
        Reactive.inSession(() -> Appointment.<Appointment>list("id in ?1", ids)).forEach(a -> byId.put(a.id, a));
        return byId;
    }

    /** Per appointment, the window starts it was ever offered (it is not offered the same window twice). */
    private static Map<UUID, Set<Instant>> offeredBefore(Set<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Map.of();
        }
        List<OfferRecipient> recipients = Reactive.inSession(() -> OfferRecipient.<OfferRecipient>list(
                "appointmentId in ?1", appointmentIds));
        Set<UUID> offerIds = new HashSet<>();
        recipients.forEach(r -> offerIds.add(r.offerId));
        if (offerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Instant> starts = new HashMap<>();
        Reactive.inSession(() -> WaitlistOffer.<WaitlistOffer>list("id in ?1", offerIds))
                .forEach(o -> starts.put(o.id, o.windowStart));
        Map<UUID, Set<Instant>> byAppointment = new HashMap<>();
        for (OfferRecipient r : recipients) {
            Instant start = starts.get(r.offerId);
            if (start != null) {
                byAppointment.computeIfAbsent(r.appointmentId, id -> new HashSet<>()).add(start);
            }
        }
        return byAppointment;
    }

    private int offerFreedWindows(String territoryId, List<WaitlistEntry> waiting, Instant now) {
        Territory territory = finder.territory(territoryId, 0, 0);
        LocalDate today = LocalDate.ofInstant(now, territory.zone());
        Instant earliest = now.plus(bookingSettings.minLeadTime());
        Set<Instant> alreadyOffered = new HashSet<>(Reactive.inSession(() -> WaitlistOffer.<WaitlistOffer>list(
                "territoryId = ?1 and filledBy is null and expiresAt > ?2", territoryId, now))
                .stream().map(o -> o.windowStart).toList());
        // Window start -> the waitlisted appointments it could serve, in the order they joined.
        TreeMap<Instant, List<Appointment>> takers = new TreeMap<>();
        Map<Instant, Instant> ends = new TreeMap<>();
        Map<UUID, Appointment> appointments = appointments(waiting);
        Map<UUID, Set<Instant>> offeredBefore = offeredBefore(appointments.keySet());
        Map<String, JobType> jobTypes = new HashMap<>();
        for (WaitlistEntry entry : waiting) {
            Appointment a = appointments.get(entry.appointmentId);
            if (a == null || !a.status.changeable() || !a.windowStart.isAfter(earliest)) {
                continue;
            }
            Set<Instant> offered = offeredBefore.getOrDefault(a.id, Set.of());
            LocalDate last = a.serviceDate.isAfter(today.plusDays(MAX_DAYS_AHEAD)) ? today.plusDays(MAX_DAYS_AHEAD)
                    : a.serviceDate;
            JobType jobType = jobTypes.computeIfAbsent(a.jobType, finder::jobType);
            for (Slot slot : finder.find(a.lat, a.lon, jobType, territory, today, last, a.windowStart)) {
                if (slot.windowStart().isBefore(a.windowStart) && !slot.windowStart().isBefore(earliest)
                        && !offered.contains(slot.windowStart())) {
                    takers.computeIfAbsent(slot.windowStart(), s -> new ArrayList<>()).add(a);
                    ends.put(slot.windowStart(), slot.windowEnd());
                }
            }
        }
        Set<UUID> offeredNow = new HashSet<>();
        int made = 0;
        for (var window : takers.entrySet()) {
            if (alreadyOffered.contains(window.getKey())) {
                continue;
            }
            List<Appointment> to = window.getValue().stream().filter(a -> !offeredNow.contains(a.id))
                    .limit(settings.waitlist().offerTo()).toList();
            if (to.isEmpty()) {
                continue;
            }
            WaitlistOffer offer = new WaitlistOffer();
            offer.id = UUID.randomUUID();
            offer.territoryId = territoryId;
            offer.windowStart = window.getKey();
            offer.windowEnd = ends.get(window.getKey());
            offer.createdAt = now;
            offer.expiresAt = now.plus(settings.waitlist().offerValidFor());
            List<UUID> sentTo = Reactive.inTransaction(() -> offerOnce(offer, to, now));
            offeredNow.addAll(sentTo);
            made += sentTo.isEmpty() ? 0 : 1;
        }
        if (made > 0) {
            LOG.infof("waitlist: %d earlier window(s) offered in %s", made, territoryId);
        }
        return made;
    }
}
