package io.fieldcast.simulator.day;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.Seeds;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A technician's phone during one day: turns true positions into noisy fixes, records taps, and holds everything
 * back while it is offline. Client ids are derived from the technician, the date, the seed and a counter, so a re-run
 * of the same seed replays the same ids and the API de-duplicates them.
 */
final class Phone {

    /** Noise is drawn from a normal distribution cut at this many standard deviations: bounded by design. */
    static final double NOISE_CUT_SIGMAS = 3.5;
    /** The web app sends queued fixes every 15 s. */
    static final Duration BATCH_EVERY = Duration.ofSeconds(15);
    /** Client id numbers reserved per re-plan round; a day has a few thousand outputs at most. */
    static final int IDS_PER_ROUND = 100_000;

    private final String idPrefix;
    private final Habits habits;
    private final SplittableRandom rng;
    private final List<PhoneOutput> outputs = new ArrayList<>();
    private int seq;

    Phone(long seed, String technicianId, LocalDate date, Habits habits, SplittableRandom rng, int firstSeq) {
        this.idPrefix = idPrefix(seed, technicianId, date);
        this.habits = habits;
        this.rng = rng;
        this.seq = firstSeq;
    }

    /**
     * The start of the client ids of a technician-day's outputs, at most 54 characters (the API takes 64). The seed is
     * part of it: a run with another seed on the same days is new data, not a replay.
     */
    static String idPrefix(long seed, String technicianId, LocalDate date) {
        String tech = technicianId.length() > 30 ? technicianId.substring(0, 30) : technicianId;
        return tech + "-" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + Long.toString(seed, 36);
    }

    void tap(UUID appointmentId, VisitStatus status, String reasonCode, String note, Instant at) {
        outputs.add(new PhoneOutput.StatusTap(appointmentId, status, reasonCode, note, at,
                "s-" + idPrefix + "-" + (seq++), at));
    }

    /** The technician tells the phone about {@code minutes} of the job in hand are left. */
    void timeLeft(UUID appointmentId, int minutes, Instant at) {
        outputs.add(new PhoneOutput.TimeLeft(appointmentId, minutes, at, "t-" + idPrefix + "-" + (seq++), at));
    }

    /** A fix of the true position {@code at} moving at {@code speed} m/s (null when standing), GPS noise added. */
    void fix(GeoPoint truth, Instant at, Double speed, Double heading, double noiseScale) {
        double sigma = habits.gpsNoiseMeters() * noiseScale;
        double north = bounded(Seeds.gaussian(rng)) * sigma;
        double east = bounded(Seeds.gaussian(rng)) * sigma;
        GeoPoint seen = Geo.offset(truth, north, east);
        double accuracy = Math.clamp(Math.round(sigma * Seeds.uniform(rng, 1.2, 2.0) * 10) / 10.0, 1, 500);
        Double reportedSpeed = speed == null ? null
                : Math.clamp(Math.round(speed * Seeds.uniform(rng, 0.9, 1.1) * 10) / 10.0, 0, 99);
        Double reportedHeading = heading == null ? null : Math.round(heading * 10) / 10.0 % 360;
        outputs.add(new PhoneOutput.Fix("f-" + idPrefix + "-" + (seq++), at, round6(seen.lat()), round6(seen.lon()),
                accuracy, reportedSpeed, reportedHeading, nextBatch(at)));
    }

    /** Fixes while standing at {@code where} (lunch, waiting, on site), one per 60–120 s, each with {@code fixChance}. */
    void standing(GeoPoint where, Instant from, Instant to, double fixChance, double noiseScale) {
        Instant t = from.plusSeconds(30 + rng.nextInt(60));
        while (t.isBefore(to)) {
            if (rng.nextDouble() < fixChance) {
                fix(where, t, 0.0, null, noiseScale);
            }
            t = t.plusSeconds(60 + rng.nextInt(61));
        }
    }

    /** Everything the phone produced, with sends held back to the end of each offline period, in sending order. */
    List<PhoneOutput> outputs(List<Truth.Interval> offline) {
        List<PhoneOutput> result = new ArrayList<>(outputs.size());
        for (PhoneOutput o : outputs) {
            result.add(o.heldBy(offline));
        }
        // Stable sort: equal send times keep the order they happened in, so taps stay in sequence.
        result.sort(Comparator.comparing(PhoneOutput::sendAt));
        return result;
    }

    private static Instant nextBatch(Instant at) {
        return PhoneOutput.nextBatch(at, BATCH_EVERY);
    }

    private static double bounded(double z) {
        return Math.clamp(z, -NOISE_CUT_SIGMAS, NOISE_CUT_SIGMAS);
    }

    private static double round6(double deg) {
        return Math.round(deg * 1e6) / 1e6;
    }
}
