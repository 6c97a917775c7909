package io.fieldcast.dispatch.solver;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One technician's learned travel factor by local hour (actual travel / road-network travel, from eta-service),
 * applied to the shared {@link TravelMatrix} at the moment of departure: the matrix stays one read-only copy for
 * all shifts, and each leg costs one division and an array read on the solver's hot path, never a time-zone lookup.
 * Ticks are seconds from an epoch (a real territory-day); without a learned factor every leg is as mapped.
 */
public final class TravelFactor {

    /** No learned factor (and the Solomon benchmark): every leg exactly as the matrix says. */
    public static final TravelFactor AS_MAPPED = new TravelFactor(null, null, 0, 0);

    public static final int HOURS = 24;
    private static final long PER_MILLE = 1000;
    private static final long TICKS_PER_HOUR = 3600;
    /** Hour slots before the epoch: a started visit's times may precede the first shift's start. */
    private static final int SLOTS_BEFORE = 24;
    /** Three days of hours from a day before the epoch cover any plan; beyond, hours repeat without DST. */
    private static final int SLOTS = 4 * HOURS;

    /** Multiplier in per mille for each local-hour slot; slot 0 starts at a local hour boundary. */
    private final long[] perMilleBySlot;
    /** Fallback outside the table, by local hour of day. */
    private final long[] perMilleByHour;
    /** Ticks from the start of slot 0 to the epoch. */
    private final long offset;
    private final int hourOfSlot0;

    private TravelFactor(long[] perMilleBySlot, long[] perMilleByHour, long offset, int hourOfSlot0) {
        this.perMilleBySlot = perMilleBySlot;
        this.perMilleByHour = perMilleByHour;
        this.offset = offset;
        this.hourOfSlot0 = hourOfSlot0;
    }

    /**
     * @param factorByHour 24 factors (index = local hour), or empty/null for none; values are assumed sane (the
     *                     ingestion clamps them), a list of another length counts as none
     * @param epoch        tick 0
     * @param zone         the territory's zone, which gives a departure its local hour
     */
    public static TravelFactor byLocalHour(List<Double> factorByHour, Instant epoch, ZoneId zone) {
        if (factorByHour == null || factorByHour.size() != HOURS) {
            return AS_MAPPED;
        }
        long[] byHour = new long[HOURS];
        boolean allOne = true;
        for (int h = 0; h < HOURS; h++) {
            Double f = factorByHour.get(h);
            byHour[h] = f == null || !Double.isFinite(f) ? PER_MILLE : Math.round(f * PER_MILLE);
            allOne &= byHour[h] == PER_MILLE;
        }
        if (allOne) {
            return AS_MAPPED;
        }
        // Local hour boundaries stay on the same minute of UTC across a (whole-hour) DST change, so one-hour
        // slots from a local boundary each hold one local hour; only their labels skip or repeat.
        Instant slot0 = epoch.minus(Duration.ofHours(SLOTS_BEFORE)).atZone(zone).truncatedTo(ChronoUnit.HOURS)
                .toInstant();
        long[] bySlot = new long[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            bySlot[i] = byHour[slot0.plusSeconds(i * TICKS_PER_HOUR).atZone(zone).getHour()];
        }
        return new TravelFactor(bySlot, byHour, Duration.between(slot0, epoch).toSeconds(),
                slot0.atZone(zone).getHour());
    }

    /** True when legs are taken as mapped. */
    public boolean asMapped() {
        return perMilleBySlot == null;
    }

    /** {@code mapped} ticks of road-network travel departing at tick {@code departure}, rounded to the tick. */
    public long travel(long mapped, long departure) {
        if (perMilleBySlot == null || mapped == 0) {
            return mapped;
        }
        return (mapped * perMille(departure) + PER_MILLE / 2) / PER_MILLE;
    }

    private long perMille(long departure) {
        long slot = Math.floorDiv(departure + offset, TICKS_PER_HOUR);
        if (slot >= 0 && slot < SLOTS) {
            return perMilleBySlot[(int) slot];
        }
        return perMilleByHour[(int) Math.floorMod(hourOfSlot0 + slot, (long) HOURS)];
    }
}
