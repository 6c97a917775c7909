package io.fieldcast.eta.model;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.LivedDay;
import io.fieldcast.eta.history.Rows;
import io.fieldcast.eta.trips.MinedVisit;
import io.fieldcast.eta.trips.TripService;
import io.fieldcast.events.Events;
import io.fieldcast.events.LearnedDurations;
import io.fieldcast.events.ServiceTimeQuantiles;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mines the last {@code lookbackDays} of routes into per-visit facts, trains the quantile models, stores the new
 * version and publishes each technician's {@link LearnedDurations} through the outbox (same transaction). One run at
 * a time, on its own thread (Smile is CPU work that must stay off the event loop); nightly and on demand.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    /** A run without a heartbeat for this long belonged to an instance that died. */
    static final Duration STALE = Duration.ofMinutes(10);
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** Where a run is. */
    public record Run(UUID id, String trigger, Instant startedAt, String status, double progress, String message,
                      String version) {
        Run with(String newStatus, double newProgress, String newMessage, String newVersion) {
            return new Run(id, trigger, startedAt, newStatus, newProgress, newMessage, newVersion);
        }
    }

    private final DayBook days;
    private final ModelStore models;
    private final Outbox outbox;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final EtaSettings settings;
    private final TripService trips;
    private final AheadDoubt.Learner aheadDoubt;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("eta-training").factory());
    /** This instance's own run as it last saved it (a failed run keeps its last progress). */
    private final AtomicReference<Run> latest = new AtomicReference<>();
    private ScheduledExecutorService nightly;

    public TrainingService(DayBook days, TripService trips, ModelStore models, Outbox outbox, Clock clock,
                           EtaSettings settings, ClusterJobs jobs, AheadDoubt.Learner aheadDoubt) {
        this.aheadDoubt = aheadDoubt;
        this.jobs = jobs;
        this.days = days;
        this.trips = trips;
        this.models = models;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    void scheduleNightly(@Observes StartupEvent startup) {
        if (!settings.training().nightly()) {
            return;
        }
        nightly = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("eta-nightly")
                .factory());
        scheduleNext();
    }

    private void scheduleNext() {
        ZonedDateTime now = clock.instant().atZone(settings.zone());
        ZonedDateTime next = now.with(settings.training().nightlyAt());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        long delay = Duration.between(now, next).toMillis();
        String night = next.toLocalDate().toString();
        nightly.schedule(() -> {
            try {
                // Every instance keeps the timer; one trains each night.
                if (jobs.claim("eta.nightly-training", night)) {
                    start("nightly");
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "nightly training of %s could not be claimed", night);
            }
            scheduleNext();
        }, delay, TimeUnit.MILLISECONDS);
        LOG.infof("nightly training at %s", next);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
        if (nightly != null) {
            nightly.shutdownNow();
        }
    }

    /**
     * Starts a run unless one is under way on any instance (then returns that one). A run whose heartbeat stopped
     * for {@link #STALE} (its instance died) no longer counts.
     */
    public synchronized Run start(String trigger) {
        Optional<Run> running = runs("""
                where status in ('queued', 'running') and updated_at > now() - :stale * interval '1 second'
                order by started_at desc limit 1""", "stale", (double) STALE.toSeconds());
        if (running.isPresent()) {
            return running.get();
        }
        Run run = new Run(UUID.randomUUID(), trigger, clock.instant(), "queued", 0, "waiting for the worker", null);
        save(run);
        worker.execute(() -> execute(run));
        return run;
    }

    /** Where run {@code id} is, as any instance of the service recorded it. */
    public Optional<Run> run(UUID id) {
        return runs("where id = :id", "id", id);
    }

    public Optional<Run> latest() {
        return runs("order by started_at desc limit 1", null, null);
    }

    private static Optional<Run> runs(String where, String name, Object value) {
        List<Object[]> rows = Reactive.inSession(() -> Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("select id, trigger, started_at, status, progress, message, version "
                    + "from training_run " + where, Object[].class);
            return (name == null ? query : query.setParameter(name, value)).getResultList();
        }));
        return rows.stream().findFirst().map(r -> new Run((UUID) r[0], (String) r[1], Rows.instant(r[2]),
                (String) r[3], ((Number) r[4]).doubleValue(), (String) r[5], (String) r[6]));
    }

    /** Records where a run is (and beats its heart). */
    private void save(Run run) {
        latest.set(run);
        Reactive.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into training_run (id, trigger, started_at, status, progress, message, version,
                                                  updated_at)
                        values (:id, :trigger, :started, :status, :progress, :message, :version, now())
                        on conflict (id) do update set status = excluded.status, progress = excluded.progress,
                            message = excluded.message, version = excluded.version, updated_at = now(),
                            finished_at = case when excluded.status in ('done', 'failed') then now() end""")
                .setParameter("id", run.id()).setParameter("trigger", run.trigger())
                .setParameter("started", run.startedAt()).setParameter("status", run.status())
                .setParameter("progress", run.progress()).setParameter("message", run.message())
                .setParameter("version", run.version()).executeUpdate()));
    }

    private void execute(Run run) {
        try {
            progress(run, "running", 0.01, "mining trips");
            LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
            LocalDate from = today.minusDays(settings.training().lookbackDays());
            List<DayBook.TechDay> toMine = Reactive.inSession(() -> days.daysBetween(from, today));
            for (int i = 0; i < toMine.size(); i++) {
                mineDay(toMine.get(i));
                progress(run, "running", 0.05 + 0.45 * (i + 1) / toMine.size(),
                        "mined %d of %d technician days".formatted(i + 1, toMine.size()));
            }
            List<Object[]> rows = Reactive.inSession(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery("""
                            select m.technician_id, m.job_type, m.service_s, m.travel_s, m.road_s,
                                   m.departure_hour, m.stopped_s,
                                   exists (select 1 from visit_event e where e.appointment_id = m.appointment_id
                                           and e.status = 'CANNOT_COMPLETE') as not_done, m.day
                            from mined_visit m where m.day >= :f and m.day < :t""", Object[].class)
                            .setParameter("f", from).setParameter("t", today).getResultList()));
            Training data = Training.of(rows);
            progress(run, "running", 0.5, "training on %d services and %d drives"
                    .formatted(data.services.size(), data.travel.size()));
            Instant now = clock.instant();
            String version = "eta-" + VERSION.format(now.atZone(ZoneOffset.UTC)) + "-"
                    + run.id().toString().substring(0, 4);
            LearnedModel trained = ModelTrainer.standard(settings.training().method()).train(version, now,
                    data.services, data.travel, now.getEpochSecond(),
                    p -> progress(run, "running", 0.5 + 0.3 * p, "training"));
            Map<String, List<Double>> turnarounds = new HashMap<>();
            List<BreakEstimator.Observation> breaks = breaks(from, today, turnarounds);
            progress(run, "running", 0.8, "learned breaks from %d technician days".formatted(breaks.size()));
            LearnedModel learned = trained.withBreaks(BreakEstimator.estimate(breaks))
                    .withTurnarounds(BreakEstimator.turnaroundByTechnician(turnarounds))
                    .withStops(StopsOnTheWay.learn(data.drives))
                    .withTapLag(TapLag.learn(tapLags(from, today)))
                    .withTimeLeft(TimeLeftReads.learn(timeLeftReads(from, today)));
            int doubtDays = Math.min(settings.training().aheadDoubtDays(), settings.training().lookbackDays());
            LearnedModel model = doubtDays <= 0 ? learned : learned.withAheadDoubt(
                    aheadDoubt(run, rows, learned, today.minusDays(doubtDays), today, version, now));
            Reactive.inTransaction(() -> models.save(model, data.services.size(), data.travel.size())
                    .chain(() -> outbox.appendAll(publications(model, data, now))));
            models.use(model);
            save(run.with("done", 1, "model %s: service by %s, travel by %s".formatted(version,
                    model.serviceMethod(), model.travelMethod()), version));
            LOG.infof("trained %s on %d services, %d drives (%s, %s, %s): %s", version, data.services.size(),
                    data.travel.size(), model.tapLag(), model.aheadDoubt(), model.timeLeft(), model.evaluations());
        } catch (Throwable e) {
            LOG.warnf(e, "training run %s failed", run.id());
            saveQuietly(run.with("failed", latest.get().progress(), String.valueOf(e.getMessage()), null));
        }
    }

    /**
     * The doubt per job ahead, from the first windows told on the days of [from, to) the platform lived (forecast,
     * told, re-planned: everything that can break a window), and for the days it did not (history imported, days
     * before forecasts were told) by living them again ({@link AheadDoubt.Learner}), each with the service and travel
     * model trained without its own date; the rest of that model (breaks, stops, the tap's lag) is {@code full}'s.
     */
    private AheadDoubt aheadDoubt(Run run, List<Object[]> rows, LearnedModel full, LocalDate from, LocalDate to,
                                  String version, Instant now) {
        Map<LocalDate, List<AheadDoubt.Seen>> told = toldFirstWindows(from, to);
        List<LivedDay> lived = Reactive.inSession(() -> days.lived(from, to)).stream()
                .filter(day -> !told.containsKey(day.date())).toList();
        progress(run, "running", 0.85, "%d days told windows; seeing %d technician days again"
                .formatted(told.size(), lived.size()));
        List<AheadDoubt.Seen> seen = new ArrayList<>(aheadDoubt.seen(lived, date -> {
            Training without = Training.of(rows, date);
            LearnedModel trained = ModelTrainer.standard(settings.training().method()).train(version + "-" + date,
                    now, without.services, without.travel, now.getEpochSecond(), p -> { });
            return full.withDurationsOf(trained);
        }, p -> progress(run, "running", 0.85 + 0.1 * p, "seeing technician days again")));
        told.values().forEach(seen::addAll);
        return AheadDoubt.learn(seen);
    }

    /**
     * The first windows told on the days of [from, to) with their jobs ahead recorded and the notice the evaluation
     * counts ({@link AheadDoubt.Learner#notice()}) before the "arrived" tap, by day: the share of sampled days each
     * held, the jobs ahead, whether the tap came inside it.
     */
    private Map<LocalDate, List<AheadDoubt.Seen>> toldFirstWindows(LocalDate from, LocalDate to) {
        List<Object[]> rows = Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select f.day, f.first_share, f.first_jobs_ahead,
                               a.arrived >= f.first_window_start and a.arrived < f.first_window_end
                        from forecast f
                        join (select appointment_id, min(device_time) as arrived from visit_event
                              where status = 'ARRIVED' group by appointment_id) a
                          on a.appointment_id = f.appointment_id
                        where f.day >= :f and f.day < :t and f.first_jobs_ahead is not null
                          and f.first_share is not null
                          and a.arrived >= f.first_published_at + :notice * interval '1 second'""", Object[].class)
                        .setParameter("f", from).setParameter("t", to)
                        .setParameter("notice", (double) aheadDoubt.notice().toSeconds()).getResultList()));
        Map<LocalDate, List<AheadDoubt.Seen>> out = new HashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent(Rows.date(r[0]), d -> new ArrayList<>()).add(new AheadDoubt.Seen(Rows.number(r[1]),
                    ((Number) r[2]).intValue(), Boolean.TRUE.equals(r[3])));
        }
        return out;
    }

    /**
     * The midday break of every mined technician day in [from, to) that showed one; each technician's short gaps
     * between jobs go to {@code turnarounds}.
     */
    private List<BreakEstimator.Observation> breaks(LocalDate from, LocalDate to,
                                                    Map<String, List<Double>> turnarounds) {
        List<Object[]> rows = Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select m.technician_id, m.day, m.departure, m.arrival, m.completed, rv.window_start
                        from mined_visit m
                        left join route_visit rv on rv.appointment_id = m.appointment_id and rv.day = m.day
                        where m.day >= :f and m.day < :t and m.arrival is not null
                        order by m.technician_id, m.day, m.arrival""", Object[].class)
                        .setParameter("f", from).setParameter("t", to).getResultList()));
        List<BreakEstimator.Observation> out = new ArrayList<>();
        List<BreakEstimator.MinedStop> day = new ArrayList<>();
        String key = null;
        String tech = null;
        for (Object[] r : rows) {
            String k = r[0] + "/" + r[1];
            if (!k.equals(key)) {
                observeDay(out, tech, day, turnarounds);
                day.clear();
                key = k;
                tech = (String) r[0];
            }
            day.add(new BreakEstimator.MinedStop(Rows.instant(r[2]), Rows.instant(r[3]), Rows.instant(r[4]),
                    Rows.instant(r[5])));
        }
        observeDay(out, tech, day, turnarounds);
        return out;
    }

    /**
     * Seconds from the van stopping at the door (the trace) to the "arrived" tap, of the mined visits in [from, to)
     * whose tap came at or after the trace's arrival and whose van did not stop early to wait for a window (booked or
     * told): that wait is the window's, not the tap's.
     */
    private List<Double> tapLags(LocalDate from, LocalDate to) {
        List<Object> rows = Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select extract(epoch from t.tapped - m.arrival)
                        from mined_visit m
                        join (select appointment_id, min(device_time) as tapped from visit_event
                              where status = 'ARRIVED' group by appointment_id) t
                          on t.appointment_id = m.appointment_id
                        left join route_visit rv on rv.appointment_id = m.appointment_id and rv.day = m.day
                        where m.day >= :f and m.day < :t and m.arrival is not null
                          and m.arrival_source in ('TAP_CONFIRMED', 'TRACE_TAP_LATE') and t.tapped >= m.arrival
                          and (rv.window_start is null or m.arrival >= rv.window_start)
                          and not exists (select 1 from told_window w where w.appointment_id = m.appointment_id
                                          and (w.window_start > m.arrival or w.promised_start > m.arrival))""",
                                Object.class)
                        .setParameter("f", from).setParameter("t", to).getResultList()));
        List<Double> out = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Double lag = Rows.number(r);
            if (lag != null) {
                out.add(lag);
            }
        }
        return out;
    }

    /**
     * The technicians' reads of the time left of the jobs of [from, to) they then completed: the minutes said, and
     * the minutes from the read to the "done" tap.
     */
    private List<TimeLeftReads.Read> timeLeftReads(LocalDate from, LocalDate to) {
        List<Object[]> rows = Reactive.inSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select r.technician_id, r.minutes_left, extract(epoch from c.done - r.device_time) / 60
                        from job_time_left r
                        join (select appointment_id, min(device_time) as done from visit_event
                              where status = 'COMPLETED' group by appointment_id) c
                          on c.appointment_id = r.appointment_id
                        where r.device_time >= :f and r.device_time < :t""", Object[].class)
                        .setParameter("f", Rows.utc(from.atStartOfDay(settings.zone()).toInstant()))
                        .setParameter("t", Rows.utc(to.atStartOfDay(settings.zone()).toInstant()))
                        .getResultList()));
        List<TimeLeftReads.Read> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Double wentOn = Rows.number(r[2]);
            if (wentOn != null) {
                out.add(new TimeLeftReads.Read((String) r[0], ((Number) r[1]).doubleValue(), wentOn));
            }
        }
        return out;
    }

    /** One technician's mined day: its break (if it showed one) to {@code out}, its short gaps to {@code turnarounds}. */
    private void observeDay(List<BreakEstimator.Observation> out, String tech, List<BreakEstimator.MinedStop> day,
                          Map<String, List<Double>> turnarounds) {
        if (tech != null) {
            turnarounds.computeIfAbsent(tech, k -> new ArrayList<>()).addAll(BreakEstimator.turnarounds(day));
            BreakEstimator.Observation seen = BreakEstimator.observe(tech, day, settings.zone());
            if (seen != null) {
                out.add(seen);
            }
        }
    }

    private void progress(Run run, String status, double progress, String message) {
        save(run.with(status, progress, message, null));
    }

    private void saveQuietly(Run run) {
        try {
            save(run);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not record training run %s as %s", run.id(), run.status());
        }
    }

    private void mineDay(DayBook.TechDay td) {
        List<MinedVisit> mined = Reactive.await(() -> trips.mine(td));
        if (mined.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Reactive.inTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (MinedVisit m : mined) {
                chain = chain.chain(() -> saveMined(td, m, now));
            }
            return chain;
        });
    }

    private Uni<Void> saveMined(DayBook.TechDay td, MinedVisit m, Instant now) {
        Integer hour = m.departure() == null ? null : m.departure().atZone(settings.zone()).getHour();
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into mined_visit (appointment_id, technician_id, day, job_type, departure, arrival,
                                                 arrival_source, completed, travel_s, road_s, service_s, stops,
                                                 stopped_s, driven_m, detour, departure_hour, mined_at)
                        values (:a, :t, :d, :job, :dep, :arr, :src, :done, :travel, :road, :service, :stops,
                                :stopped, :driven, :detour, :hour, :now)
                        on conflict (appointment_id) do update set technician_id = excluded.technician_id,
                            day = excluded.day, job_type = excluded.job_type, departure = excluded.departure,
                            arrival = excluded.arrival, arrival_source = excluded.arrival_source,
                            completed = excluded.completed, travel_s = excluded.travel_s, road_s = excluded.road_s,
                            service_s = excluded.service_s, stops = excluded.stops, stopped_s = excluded.stopped_s,
                            driven_m = excluded.driven_m, detour = excluded.detour,
                            departure_hour = excluded.departure_hour, mined_at = excluded.mined_at""")
                .setParameter("a", m.appointmentId()).setParameter("t", td.technicianId())
                .setParameter("d", td.day()).setParameter("job", m.jobType())
                .setParameter("dep", Rows.utc(m.departure())).setParameter("arr", Rows.utc(m.arrival()))
                .setParameter("src", m.arrivalSource().name()).setParameter("done", Rows.utc(m.completed()))
                .setParameter("travel", m.travelSeconds())
                .setParameter("road", m.road() == null || !Double.isFinite(m.road().seconds()) ? null
                        : Double.valueOf(m.road().seconds()))
                .setParameter("service", m.serviceSeconds()).setParameter("stops", m.stopsOnTheWay().size())
                .setParameter("stopped", (double) m.stoppedOnTheWay().toSeconds())
                .setParameter("driven", m.drivenMeters()).setParameter("detour", m.detour())
                .setParameter("hour", hour).setParameter("now", Rows.utc(now))
                .executeUpdate()).replaceWithVoid();
    }

    /** One LearnedDurations per technician with history: their service quantiles and p50 travel factor by hour. */
    static List<LearnedDurations> publications(LearnedModel model, Training data, Instant now) {
        List<LearnedDurations> out = new ArrayList<>();
        model.service().keySet().stream().sorted().forEach(tech -> {
            List<ServiceTimeQuantiles> services = model.service().get(tech).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new ServiceTimeQuantiles(e.getKey(), e.getValue().p10(), e.getValue().p50(),
                            e.getValue().p90(), data.serviceCount.getOrDefault(tech + "/" + e.getKey(), 0)))
                    .toList();
            List<Double> travel = new ArrayList<>(24);
            for (int h = 0; h < 24; h++) {
                travel.add(model.travelFactor(tech, h).p50());
            }
            out.add(new LearnedDurations(Events.newId(), now, LearnedDurations.SCHEMA_VERSION, tech, model.version(),
                    services, travel));
        });
        return out;
    }

    /**
     * Observations from mined visits, with implausible ones (GPS glitches, forgotten taps) left out. A drive's travel
     * factor is its driving alone (the minutes it stood still on the way taken out); the stops are learned apart
     * ({@link StopsOnTheWay}), from every drive.
     */
    record Training(List<Observation> services, List<Observation> travel, Map<String, Integer> serviceCount,
                    List<StopsOnTheWay.Drive> drives) {

        static Training of(List<Object[]> rows) {
            return of(rows, null);
        }

        /** Leaving out the visits of {@code without} (null: none). */
        static Training of(List<Object[]> rows, LocalDate without) {
            List<Observation> services = new ArrayList<>();
            List<Observation> travel = new ArrayList<>();
            List<StopsOnTheWay.Drive> drives = new ArrayList<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Object[] r : rows) {
                if (without != null && r.length > 8 && without.equals(Rows.date(r[8]))) {
                    continue;
                }
                String tech = (String) r[0];
                String job = (String) r[1];
                Double service = Rows.number(r[2]);
                Double travelS = Rows.number(r[3]);
                Double roadS = Rows.number(r[4]);
                Number hour = (Number) r[5];
                double stopped = Rows.number(r[6]);
                // A visit that could not be done (nobody home, a missing part) took minutes at the door, not a job:
                // among a type's jobs it drags the learned median down and stretches its short side.
                boolean notDone = r.length > 7 && Boolean.TRUE.equals(r[7]);
                if (job != null && service != null && service >= 60 && service <= 8 * 3600 && !notDone) {
                    services.add(new Observation(tech, job, service / 60));
                    counts.merge(tech + "/" + job, 1, Integer::sum);
                }
                if (travelS != null && roadS != null && roadS > 60 && hour != null && stopped < travelS) {
                    double factor = (travelS - stopped) / roadS;
                    if (factor > 0.3 && factor < 5) {
                        travel.add(new Observation(tech, Integer.toString(hour.intValue()), factor));
                        drives.add(new StopsOnTheWay.Drive(tech, stopped / 60));
                    }
                }
            }
            return new Training(services, travel, counts, drives);
        }
    }
}
