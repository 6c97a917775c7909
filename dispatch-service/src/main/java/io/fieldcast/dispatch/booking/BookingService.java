package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.booking.AppointmentDtos.AppointmentView;
import io.fieldcast.dispatch.booking.AppointmentDtos.BookRequest;
import io.fieldcast.dispatch.config.BookingSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.Customer;
import io.fieldcast.dispatch.domain.DayChanged;
import io.fieldcast.dispatch.domain.JobType;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.persistence.DayLoader;
import io.fieldcast.dispatch.persistence.DaySnapshot;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.roadnetwork.GeoPoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Books appointments into the current plan. Blocking by design (call from a worker thread): travel times
 * are computed off the event loop before the transaction, and the transaction holds the territory-day lock
 * while it re-reads the day, inserts and publishes through the outbox.
 */
@ApplicationScoped
public class BookingService {

    private final Roads roads;
    private final DayLoader days;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final BookingSettings settings;
    private final SlotFinder slots;
    private final RouteUpdater routes;
    private final Event<DayChanged> dayChanged;
    private final ManageLinks links;
    private final DayGate gate;

    public BookingService(Roads roads, DayLoader days, Outbox outbox, AuditLog audit, Clock clock,
                          BookingSettings settings, SlotFinder slots, RouteUpdater routes,
                          Event<DayChanged> dayChanged, ManageLinks links, DayGate gate) {
        this.links = links;
        this.gate = gate;
        this.roads = roads;
        this.days = days;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.slots = slots;
        this.routes = routes;
        this.dayChanged = dayChanged;
    }

    /** The top priority: such a booking for today re-plans the day at once. */
    public static final int EMERGENCY_PRIORITY = 5;

    /**
     * Books; {@code alsoInTransaction} runs with the booked appointment inside the booking's transaction (the REST
     * layer stores the answer to the request's idempotency key there, so the two commit together).
     */
    public AppointmentView book(BookRequest request, Access access,
                                Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        return book(request, access, Origin.CONSOLE, alsoInTransaction);
    }

    /**
     * Where a booking comes from: the console ({@link #CONSOLE}) or the customer portal, with the customer's intake
     * answers (JSON) kept with the appointment.
     */
    public record Origin(String channel, String intakeJson) {
        public static final Origin CONSOLE = new Origin(AppointmentBooked.CHANNEL_CONSOLE, null);

        public static Origin portal(String intakeJson) {
            return new Origin(AppointmentBooked.CHANNEL_PORTAL, intakeJson);
        }
    }

    public AppointmentView book(BookRequest request, Access access, Origin origin,
                                Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        AppointmentView booked = bookInTransaction(request, access, origin, alsoInTransaction);
        if (booked.priority() >= EMERGENCY_PRIORITY) {
            dayChanged.fire(new DayChanged(booked.territoryId(), booked.serviceDate(),
                    "emergency " + booked.id() + " booked"));
        }
        return booked;
    }

    private AppointmentView bookInTransaction(BookRequest request, Access access, Origin origin,
                                              Function<AppointmentView, Uni<Void>> alsoInTransaction) {
        String actor = access.principal();
        JobType jobType = slots.jobType(request.jobType());
        Territory territory = slots.territory(request.territoryId(), request.lat(), request.lon());
        access.requireTerritory(territory.id);
        checkWindow(request.windowStart(), request.windowEnd(), territory, "windowStart");
        if (request.customerId() == null && request.customer() == null) {
            throw ApiException.badRequest("customer", "give either customerId or a customer");
        }
        GeoPoint point = roads.snap(request.lat(), request.lon(), "lat");
        LocalDate date = request.windowStart().atZone(territory.zone()).toLocalDate();
        VisitRequest visit = new VisitRequest(point, jobType.code, jobType.defaultDurationMin,
                request.windowStart(), request.windowEnd(), jobType.requiredSkillMap());
        slots.prefetch(territory.id, date, point);
        try {
            return gate.through(territory.id, date, () -> {
                AtomicReference<DaySnapshot> read = new AtomicReference<>();
                AtomicReference<Appointment> made = new AtomicReference<>();
                AppointmentView view = Reactive.inTransaction(() -> days.lock(territory.id, date)
                        .chain(() -> days.load(territory.id, date))
                        .chain(day -> {
                            read.set(day);
                            int priority = request.priority() == null ? 3 : request.priority();
                            Insertion insertion = insert(day, visit, null, priority);
                            return customer(request, access).chain(customer -> create(request, customer, day, jobType,
                                    point, insertion, actor, origin));
                        })
                        .invoke(made::set)
                        .map(AppointmentView::of)
                        .call(alsoInTransaction::apply));
                slots.changed(read.get(), made.get());
                return view;
            });
        } catch (NoCapacityException e) {
            throw noCapacity(e, request.lat(), request.lon(), jobType.code, date, territory.id);
        }
    }

    private Uni<Appointment> create(BookRequest request, Customer customer, DaySnapshot day, JobType jobType,
                                        GeoPoint point, Insertion insertion, String actor, Origin origin) {
        Instant now = clock.instant();
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.customerId = customer.id;
        a.territoryId = day.territory().id;
        a.jobType = jobType.code;
        a.address = request.address();
        a.lat = point.lat();
        a.lon = point.lon();
        a.serviceDate = day.date();
        a.windowStart = request.windowStart();
        a.windowEnd = request.windowEnd();
        a.durationMin = jobType.defaultDurationMin;
        a.priority = request.priority() == null ? 3 : request.priority();
        a.status = AppointmentStatus.BOOKED;
        a.notes = request.notes();
        a.channel = origin.channel();
        a.intake = origin.intakeJson();
        a.createdAt = now;
        a.updatedAt = now;
        return a.persist()
                .chain(() -> routes.placeInto(day, a, insertion))
                .chain(() -> outbox.append(AppointmentEvents.booked(a, customer, day.territory(),
                        links.urlFor(a.id, a.windowEnd), now)))
                .chain(() -> audit.record("appointment", a.id.toString(), "BOOKED", actor, null, null,
                        AppointmentView.of(a).audited()))
                .replaceWith(a);
    }

    /**
     * Cheapest insertion or NoCapacityException; {@code self} is left out of the day (reschedule, change). The
     * territory's emergency reserve is kept free of everything but emergencies ({@code priority} >=
     * {@link #EMERGENCY_PRIORITY}): it exists for them.
     */
    Insertion insert(DaySnapshot day, VisitRequest visit, UUID self, int priority) {
        double reserve = priority >= EMERGENCY_PRIORITY ? 0 : day.territory().emergencyReservePct / 100.0;
        List<TechDay> candidates = slots.candidates(day, visit.point(), self);
        // The day read under the lock may hold stops the search before it did not see: their legs in one matrix, not
        // one matrix per leg on asking.
        slots.prefetch(candidates, visit.point());
        Optional<Insertion> best = InsertionEngine.best(candidates, visit, reserve, roads);
        return best.orElseThrow(() -> new NoCapacityException("no technician can take "
                + visit.windowStart() + "–" + visit.windowEnd() + " on " + day.date()));
    }

    private Uni<Customer> customer(BookRequest request, Access access) {
        if (request.customerId() != null) {
            // Only a customer the caller may see (one with an appointment in their territories): a known customer id
            // of another territory would otherwise become visible through the new booking.
            Uni<Customer> found = access.territoryFilter() == null ? Customer.findById(request.customerId())
                    : Customer.<Customer>find("from Customer c where c.id = ?1 and exists (select 1 from Appointment a "
                    + "where a.customerId = c.id and a.territoryId in ?2)", request.customerId(),
                    access.territoryFilter()).firstResult();
            return found.onItem().ifNull().failWith(() -> ApiException.badRequest("customerId", "unknown customer"))
                    .invoke(c -> {
                        if (c.forgottenAt != null) {
                            throw ApiException.badRequest("customerId", "this customer was forgotten; book them "
                                    + "as a new customer");
                        }
                    });
        }
        var c = request.customer();
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.name = c.name();
        customer.phone = c.phone();
        customer.email = c.email();
        customer.address = request.address();
        customer.lat = request.lat();
        customer.lon = request.lon();
        customer.language = c.language() == null ? "en" : c.language();
        customer.smsOptIn = c.smsOptIn() == null || c.smsOptIn();
        customer.emailOptIn = c.emailOptIn() != null && c.emailOptIn();
        customer.createdAt = clock.instant();
        return customer.persist().replaceWith(customer);
    }

    /** A promised window must be in the future, sensibly long and inside one local day. */
    public void checkWindow(Instant start, Instant end, Territory territory, String field) {
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("windowEnd", "must be after windowStart");
        }
        if (start.isBefore(clock.instant().plus(settings.minLeadTime()))) {
            throw ApiException.badRequest(field, "is in the past or too soon (at least "
                    + settings.minLeadTime().toMinutes() + " min from now)");
        }
        Duration length = Duration.between(start, end);
        if (length.compareTo(settings.minWindow()) < 0 || length.compareTo(settings.maxWindow()) > 0) {
            throw ApiException.badRequest("windowEnd", "window must last between "
                    + settings.minWindow().toMinutes() + " and " + settings.maxWindow().toMinutes() + " minutes");
        }
        if (!start.atZone(territory.zone()).toLocalDate().equals(end.minusSeconds(1).atZone(territory.zone())
                .toLocalDate())) {
            throw ApiException.badRequest("windowEnd", "window must lie within one local day");
        }
    }

    /** 409 with the next best slots around the wanted date. */
    public ApiException noCapacity(NoCapacityException e, double lat, double lon, String jobType, LocalDate date,
                                   String territoryId) {
        LocalDate from = date.minusDays(1).isBefore(LocalDate.now(clock)) ? LocalDate.now(clock) : date.minusDays(1);
        LocalDate to = date.plusDays(3);
        // A day long past (history being entered) has no "next" windows worth offering.
        List<Slot> next = to.isBefore(from) ? new ArrayList<>()
                : new ArrayList<>(slots.find(lat, lon, jobType, from, to, territoryId));
        next = next.subList(0, Math.min(settings.alternatives(), next.size()));
        return ApiException.conflict(e.getMessage() + "; other windows are offered", Map.of("nextSlots", next));
    }
}
