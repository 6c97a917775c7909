package io.fieldcast.dispatch.portal;

import io.fieldcast.dispatch.booking.AppointmentChanges;
import io.fieldcast.dispatch.booking.AppointmentDtos;
import io.fieldcast.dispatch.booking.AppointmentDtos.AppointmentView;
import io.fieldcast.dispatch.booking.BookingService;
import io.fieldcast.dispatch.booking.ManageLinks;
import io.fieldcast.dispatch.booking.SlotFinder;
import io.fieldcast.dispatch.booking.SlotSearchTally;
import io.fieldcast.dispatch.config.BookingSettings;
import io.fieldcast.dispatch.config.PortalSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.domain.WindowProfile;
import io.fieldcast.dispatch.portal.PortalDtos.Booking;
import io.fieldcast.dispatch.portal.PortalDtos.Managed;
import io.fieldcast.dispatch.portal.PortalDtos.PortalAddress;
import io.fieldcast.dispatch.portal.PortalDtos.PortalJobType;
import io.fieldcast.dispatch.portal.PortalDtos.PortalSlot;
import io.fieldcast.dispatch.portal.PortalDtos.PortalSlots;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What customers do on the portal, each through the same path as a dispatcher's: booking through
 * {@link BookingService} (the day's lock, the same capacity engine with the emergency reserve kept, audit, outbox),
 * reschedule and cancel through {@link AppointmentChanges}. The portal adds what a customer needs and a dispatcher
 * does not: only the territory's own windows, the job type's intake questions, a phone proven by a one-time code,
 * limits per phone and per address, a cut-off before the window after which changes are made by phone. Blocking:
 * call from a worker thread.
 */
@ApplicationScoped
public class PortalService {

    /** The actor of audit rows written for customers: no name or phone (audit rows cannot be erased). */
    static final String BOOKING_ACTOR = "customer:portal";
    static final String LINK_ACTOR = "customer:link";
    static final String NOT_HOME = "CUSTOMER_NOT_HOME";
    /** Days a search without dates covers: the next few, as a customer looks; "later dates" asks for more. */
    private static final int DEFAULT_DAYS = 3;

    private final SlotFinder finder;
    private final BookingService booking;
    private final AppointmentChanges changes;
    private final PhoneCodes codes;
    private final ManageLinks links;
    private final Roads roads;
    private final PortalSettings settings;
    private final BookingSettings bookingSettings;
    private final Waitlist waitlist;
    private final SlotSearchTally searches;
    private final Clock clock;

    public PortalService(SlotFinder finder, BookingService booking, AppointmentChanges changes, PhoneCodes codes,
                         ManageLinks links, Roads roads, PortalSettings settings, BookingSettings bookingSettings,
                         Waitlist waitlist, SlotSearchTally searches, Clock clock) {
        this.searches = searches;
        this.waitlist = waitlist;
        this.finder = finder;
        this.booking = booking;
        this.changes = changes;
        this.codes = codes;
        this.links = links;
        this.roads = roads;
        this.settings = settings;
        this.bookingSettings = bookingSettings;
        this.clock = clock;
    }

    public List<PortalJobType> jobTypes() {
        List<JobType> all = Reactive.inSession(() -> JobType.<JobType>list("bookableOnline = true order by name"));
        return all.stream().map(j -> new PortalJobType(j.code, j.name, j.defaultDurationMin, j.cancelCutoffMin,
                IntakeForm.stored(j.intake).questions())).toList();
    }

    public List<PortalAddress> addresses(String query, int limit) {
        return roads.network().addresses().search(query, limit).stream()
                .map(a -> new PortalAddress(a.label(), a.point().lat(), a.point().lon())).toList();
    }

    /**
     * The territory's windows that the current plans can absorb at this place, in time order: a customer looking for
     * a window to book (counted for the operations page's funnel).
     */
    public PortalSlots slots(double lat, double lon, String jobTypeCode, LocalDate from, LocalDate to) {
        Territory territory = finder.territory(null, lat, lon);
        PortalSlots offered = offer(territory, lat, lon, jobTypeCode, from, to);
        searches.count(territory, AppointmentBooked.CHANNEL_PORTAL, !offered.slots().isEmpty());
        return offered;
    }

    private PortalSlots offer(Territory territory, double lat, double lon, String jobTypeCode, LocalDate from,
                              LocalDate to) {
        JobType jobType = bookable(jobTypeCode);
        LocalDate today = LocalDate.ofInstant(clock.instant(), territory.zone());
        LocalDate first = from == null || from.isBefore(today) ? today : from;
        LocalDate last = to == null ? first.plusDays(DEFAULT_DAYS - 1) : to;
        List<PortalSlot> slots = finder.find(lat, lon, jobType, territory, first, last, null).stream()
                .map(s -> new PortalSlot(s.date(), s.windowStart(), s.windowEnd()))
                .sorted(Comparator.comparing(PortalSlot::windowStart)).toList();
        return new PortalSlots(territory.timeZone, slots);
    }

    public PortalDtos.CodeSent sendCode(PortalDtos.CodeRequest request) {
        PhoneCodes.Sent sent = codes.send(request.phone(), language(request.language()));
        return new PortalDtos.CodeSent(sent.codeId(), sent.expiresAt());
    }

    /**
     * Books for a customer. The same request sent again with its spent code (an answer lost on the way) returns the
     * booking it made; any other use of a spent code is refused.
     */
    public Booking book(PortalDtos.BookRequest request) {
        JobType jobType = bookable(request.jobType());
        IntakeForm form = IntakeForm.stored(jobType.intake);
        Map<String, String> answers = form.check(request.answers());
        Territory territory = finder.territory(null, request.lat(), request.lon());
        requireOfferedWindow(territory, request.windowStart(), request.windowEnd());
        UUID already = codes.check(request.codeId(), request.phone(), request.code());
        if (already != null) {
            Appointment booked = Reactive.inSession(() -> Appointment.<Appointment>findById(already));
            return answer(booked, territory);
        }
        refuseOverLimits(request, territory);
        String summary = form.summary(answers, "en");
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        String notes = note == null ? summary : summary.isEmpty() ? "Customer: " + note
                : summary + " · Customer: " + note;
        var inline = new AppointmentDtos.NewCustomer(request.name().strip(), request.phone(), request.email(),
                language(request.language()), true, request.email() != null);
        var book = new AppointmentDtos.BookRequest(null, inline, request.address().strip(), request.lat(),
                request.lon(), jobType.code, request.windowStart(), request.windowEnd(), 3,
                notes.isEmpty() ? null : notes, territory.id);
        AppointmentView view = booking.book(book, new Access(BOOKING_ACTOR, null, true),
                BookingService.Origin.portal(Json.write(answers)), v -> codes.spend(request.codeId(), v.id()));
        Appointment booked = Reactive.inSession(() -> Appointment.<Appointment>findById(view.id()));
        return answer(booked, territory);
    }

    private Booking answer(Appointment a, Territory territory) {
        return new Booking(a.id, a.windowStart, a.windowEnd, territory.timeZone, links.urlFor(a.id, a.windowEnd),
                links.tokenFor(a.id, a.windowEnd));
    }

    /** At most a few open portal bookings per phone and per address: a script cannot fill a day. */
    private void refuseOverLimits(PortalDtos.BookRequest request, Territory territory) {
        PortalSettings.Limits limits = settings.limits();
        Set<AppointmentStatus> open = AppointmentStatus.OPEN;
        long byPhone = Reactive.inSession(() -> Appointment.count("channel = 'portal' and status in ?1 and customerId "
                + "in (select c.id from Customer c where c.phone = ?2)", open, request.phone()));
        if (byPhone >= limits.openBookingsPerPhone()) {
            throw ApiException.tooManyRequests("too_many_bookings", "this phone already has " + byPhone
                    + " open bookings; manage them from the links in your texts, or call us", Duration.ofHours(1));
        }
        double dLat = limits.sameAddressMeters() / 111_320.0;
        double dLon = dLat / Math.max(0.1, Math.cos(Math.toRadians(request.lat())));
        long byAddress = Reactive.inSession(() -> Appointment.count("channel = 'portal' and status in ?1 and "
                        + "territoryId = ?2 and lat between ?3 and ?4 and lon between ?5 and ?6", open, territory.id,
                request.lat() - dLat, request.lat() + dLat, request.lon() - dLon, request.lon() + dLon));
        if (byAddress >= limits.openBookingsPerAddress()) {
            throw ApiException.tooManyRequests("too_many_bookings", "this address already has " + byAddress
                    + " open bookings; manage them from the links in your texts, or call us", Duration.ofHours(1));
        }
    }

    /** The appointment a manage link names, as its customer sees it; 404 for a forged or expired link. */
    public Managed manage(String token) {
        Appointment a = appointment(token);
        Territory territory = territoryOf(a);
        JobType jobType = Reactive.inSession(() -> JobType.<JobType>findById(a.jobType));
        Customer customer = Reactive.inSession(() -> Customer.<Customer>findById(a.customerId));
        Instant changeUntil = a.windowStart.minus(Duration.ofMinutes(jobType.cancelCutoffMin));
        boolean canChange = a.status.changeable() && clock.instant().isBefore(changeUntil);
        boolean missed = a.status == AppointmentStatus.CANNOT_COMPLETE && NOT_HOME.equals(a.notDoneReason);
        Waitlist.State waiting = waitlist.stateOf(a.id);
        return new Managed(a.id, a.jobType, jobType.name, a.address, a.serviceDate, a.windowStart, a.windowEnd,
                territory.timeZone, a.status.name(), canChange, changeUntil,
                waiting == null ? null : waiting.status(), waiting == null ? List.of() : waiting.offers(), missed,
                rebookable(a), customer == null ? null : customer.firstName());
    }

    /** Windows the customer may move to, or book again in after a missed or canceled visit. */
    public PortalSlots slotsFor(String token, LocalDate from, LocalDate to) {
        Appointment a = appointment(token);
        if (!a.status.changeable() && !rebookable(a)) {
            throw ApiException.conflict("this appointment is " + a.status.name().toLowerCase() + " and can no longer "
                    + "move", null);
        }
        return offer(territoryOf(a), a.lat, a.lon, a.jobType, from, to);
    }

    public Managed reschedule(String token, PortalDtos.WindowRequest request) {
        Appointment a = changeableByCustomer(token);
        requireOfferedWindow(territoryOf(a), request.windowStart(), request.windowEnd());
        changes.reschedule(a.id, new AppointmentDtos.RescheduleRequest(request.windowStart(), request.windowEnd(),
                "customer rescheduled online"), linkAccess(a), v -> Uni.createFrom().voidItem());
        return manage(token);
    }

    public Managed cancel(String token, PortalDtos.CancelRequest request) {
        Appointment a = changeableByCustomer(token);
        String reason = "customer canceled online" + (request == null || request.reason() == null
                || request.reason().isBlank() ? "" : ": " + request.reason().strip());
        changes.cancel(a.id, reason, linkAccess(a), "customer", v -> Uni.createFrom().voidItem());
        return manage(token);
    }

    /**
     * Books the same job at the same place again for a visit nobody was home for, or one the customer canceled:
     * no new code is needed (the link proves the phone), the intake answers carry over. Answers the new booking.
     */
    public Booking rebook(String token, PortalDtos.WindowRequest request) {
        Appointment a = appointment(token);
        if (!rebookable(a)) {
            throw ApiException.conflict("only a missed or canceled visit is booked again; this one is "
                    + a.status.name().toLowerCase(), null);
        }
        Territory territory = territoryOf(a);
        requireOfferedWindow(territory, request.windowStart(), request.windowEnd());
        Customer customer = Reactive.inSession(() -> Customer.<Customer>findById(a.customerId));
        if (customer == null || customer.forgottenAt != null) {
            throw ApiException.notFound("appointment");
        }
        long open = Reactive.inSession(() -> Appointment.count("customerId = ?1 and status in ?2", a.customerId,
                AppointmentStatus.OPEN));
        if (open >= settings.limits().openBookingsPerPhone()) {
            throw ApiException.tooManyRequests("too_many_bookings", "you already have " + open + " open bookings",
                    Duration.ofHours(1));
        }
        var book = new AppointmentDtos.BookRequest(a.customerId, null, a.address, a.lat, a.lon, a.jobType,
                request.windowStart(), request.windowEnd(), 3, a.notes, territory.id);
        AppointmentView view = booking.book(book, linkAccess(a), BookingService.Origin.portal(a.intake),
                v -> Uni.createFrom().voidItem());
        Appointment booked = Reactive.inSession(() -> Appointment.<Appointment>findById(view.id()));
        return answer(booked, territory);
    }

    /** Puts the appointment on the waitlist for an earlier window. */
    public Managed joinWaitlist(String token) {
        waitlist.join(appointment(token));
        return manage(token);
    }

    public Managed leaveWaitlist(String token) {
        waitlist.leave(appointment(token));
        return manage(token);
    }

    /** Takes an earlier window offered from the waitlist; 409 when someone else took it first. */
    public Managed acceptOffer(String token, UUID offerId) {
        waitlist.accept(appointment(token), offerId);
        return manage(token);
    }

    private boolean rebookable(Appointment a) {
        boolean missed = a.status == AppointmentStatus.CANNOT_COMPLETE && NOT_HOME.equals(a.notDoneReason);
        return (missed || a.status == AppointmentStatus.CANCELED) && a.erasedAt == null;
    }

    Appointment appointment(String token) {
        UUID id = links.verify(token).orElseThrow(() -> ApiException.notFound("appointment (the link is not valid "
                + "or has expired)"));
        Appointment a = Reactive.inSession(() -> Appointment.<Appointment>findById(id));
        if (a == null || a.erasedAt != null) {
            throw ApiException.notFound("appointment");
        }
        return a;
    }

    /** 409 once the appointment is under way or inside its job type's cut-off: the customer calls instead. */
    Appointment changeableByCustomer(String token) {
        Appointment a = appointment(token);
        if (!a.status.changeable()) {
            throw ApiException.conflict("this appointment is " + a.status.name().toLowerCase()
                    + " and can no longer change", null);
        }
        JobType jobType = Reactive.inSession(() -> JobType.<JobType>findById(a.jobType));
        Instant until = a.windowStart.minus(Duration.ofMinutes(jobType.cancelCutoffMin));
        if (!clock.instant().isBefore(until)) {
            throw ApiException.conflict("changes closer than " + hours(jobType.cancelCutoffMin) + " to the window "
                    + "are made by phone", null);
        }
        return a;
    }

    private static String hours(int minutes) {
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    static Access linkAccess(Appointment a) {
        return new Access(LINK_ACTOR, Set.of(a.territoryId), true);
    }

    private Territory territoryOf(Appointment a) {
        return finder.territory(a.territoryId, a.lat, a.lon);
    }

    private JobType bookable(String code) {
        JobType jobType = finder.jobType(code);
        if (!jobType.bookableOnline) {
            throw ApiException.badRequest("jobType", "'" + code + "' is booked by phone, not online");
        }
        return jobType;
    }

    /** A customer books one of the territory's own windows, not any span a dispatcher may promise. */
    void requireOfferedWindow(Territory territory, Instant start, Instant end) {
        LocalDate date = LocalDate.ofInstant(start, territory.zone());
        for (WindowProfile.LocalRange window : territory.windows().windows()) {
            if (window.startOn(date, territory.zone()).equals(start) && window.endOn(date, territory.zone())
                    .equals(end)) {
                booking.checkWindow(start, end, territory, "windowStart");
                if (date.isAfter(LocalDate.ofInstant(clock.instant(), territory.zone())
                        .plusDays(bookingSettings.maxSlotDays() * 4L))) {
                    throw ApiException.badRequest("windowStart", "too far ahead to book online");
                }
                return;
            }
        }
        throw ApiException.badRequest("windowStart", "not one of the windows offered (" + territory.windows() + ")");
    }

    private static String language(String language) {
        return language == null ? "en" : language;
    }
}
