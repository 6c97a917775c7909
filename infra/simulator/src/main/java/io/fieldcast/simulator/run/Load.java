package io.fieldcast.simulator.run;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.world.Seeds;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * {@code load --technicians N}: N phones driving random rounds through the city in real time and sending their
 * fixes (no taps: the stops are made up, not on any route), for the ingest benchmark. Needs only tech-mobile-api.
 */
public final class Load {

    /** Like the web app: queued fixes go out every 15 s. */
    public static final Duration BATCH_EVERY = Duration.ofSeconds(15);

    private final Simulation sim;

    public Load(Simulation sim) {
        this.sim = sim;
    }

    public Stats run(int technicians, String idFormat, long seconds) throws Exception {
        return run(technicians, idFormat, seconds, BATCH_EVERY);
    }

    /** As {@link #run(int, String, long)}, the phones sending their queued fixes every {@code batchEvery}. */
    public Stats run(int technicians, String idFormat, long seconds, Duration batchEvery) throws Exception {
        Instant now = Instant.now();
        Instant until = now.plusSeconds(seconds);
        Phones phones = new Phones(sim.mobileApi, sim.settings.deviceSecret());
        List<Replay.Lane> lanes = new ArrayList<>();
        for (int i = 1; i <= technicians; i++) {
            String id = String.format(idFormat, i);
            SplittableRandom rng = Seeds.stream(sim.settings.seed(), "load", id);
            List<GeoPoint> places = sim.roads.randomResidentialPoints(9, rng.nextLong());
            List<PlannedStop> stops = new ArrayList<>();
            for (int s = 1; s < places.size(); s++) {
                stops.add(new PlannedStop(UUID.nameUUIDFromBytes((id + s).getBytes()), s, "CHECK", places.get(s), now,
                        now.plusSeconds(3600), now, 30));
            }
            TechnicianDay day = new TechnicianDay(id, LocalDate.now(ZoneOffset.UTC), 0, ZoneOffset.UTC, now,
                    until.plusSeconds(3600), places.getFirst(), places.getFirst(), stops);
            DayOutcome outcome = sim.engine.simulate(day, sim.habits.habitsOf(id, 1).punctual());
            List<PhoneOutput> outputs = outcome.outputs().stream().map(o -> o.batchedEvery(batchEvery))
                    .sorted(Comparator.comparing(PhoneOutput::sendAt)).toList();
            lanes.add(new Replay.Lane(phones.of(id), sim.stats, false, outputs));
        }
        Log.info("load: " + technicians + " phones for " + seconds + " s");
        new Replay(now, 1, sim.pool).run(lanes, until, () -> Log.info("  " + Progress.counts(sim.stats)));
        return sim.stats;
    }
}
