package io.fieldcast.eta.trips;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.PingHistory;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.road.Roads;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Mines one technician day from the stored route, trace and taps (for training and for the trips endpoint). */
@ApplicationScoped
public class TripService {

    private static final int MAX_FIXES = 50_000;

    private final DayBook days;
    private final PingHistory pings;
    private final EtaSettings settings;
    private final TripMiner miner;

    public TripService(DayBook days, PingHistory pings, EtaSettings settings, Roads roads) {
        this.days = days;
        this.pings = pings;
        this.settings = settings;
        this.miner = new TripMiner(TripMiner.Settings.defaults(), roads);
    }

    /** Empty when the technician had no route that day. */
    public Uni<List<MinedVisit>> mine(DayBook.TechDay td) {
        Instant dayStart = td.day().atStartOfDay(settings.zone()).toInstant();
        return Panache.withSession(() -> days.load(td, dayStart).chain(state -> {
            if (state.isEmpty() || state.get().visits().isEmpty()) {
                return Uni.createFrom().item(List.<MinedVisit>of());
            }
            var day = state.get();
            List<Place> places = day.visits().stream()
                    .map(v -> new Place(v.appointmentId(), v.jobType(), v.lat(), v.lon())).toList();
            return Panache.getSession()
                    .chain(s -> days.taps(s, day.visits().stream().map(VisitPlan::appointmentId).toList()))
                    .chain(taps -> pings.trace(td.technicianId(), dayStart, dayStart.plus(Duration.ofDays(1)),
                                    MAX_FIXES)
                            .map(trace -> miner.mine(Place.start(day.startLat(), day.startLon()), places,
                                    trace.stream().map(p -> new TracePoint(p.deviceTime(), p.lat(), p.lon(),
                                            p.accuracyMeters())).toList(), taps)));
        }));
    }
}
