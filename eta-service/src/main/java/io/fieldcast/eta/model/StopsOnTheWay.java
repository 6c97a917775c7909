package io.fieldcast.eta.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops on the way to a visit (fuel, a coffee, a parts counter): how often a technician's drives have one and how long
 * one lasts. Trip mining sees them in the GPS trace (standing still at least two minutes away from both ends); they
 * are learned apart from the drive, whose travel factor is the driving alone.
 *
 * <p>Why apart: a stop is an event of its own, not a slower drive. Folded into the travel factor, a 15-minute stop on a
 * 5-minute leg is a factor of 4, on a 40-minute leg 1.4; and the drives with a long stop had been left out of training
 * altogether, so the forecast knew nothing of them. On the running platform (demo, seed 2) two of a day's five broken
 * windows were behind a drive with a 41- and a 60-minute stop. Each drive of the forecast's day now has one with the
 * technician's share, lasting a draw from the fleet's stop lengths.
 *
 * @param share      technician -> share of their drives with a stop, shrunk toward the fleet's
 * @param fleetShare the fleet's share, for technicians never seen
 * @param minutes    how long a stop lasts (the fleet's, log-normal); null when no stop was seen
 * @param drives     how many drives it was learned from
 */
public record StopsOnTheWay(Map<String, Double> share, double fleetShare, Quantiles minutes, int drives) {

    /** Nothing learned (versions stored before, or no drive had a stop): drives have no stops. */
    public static final StopsOnTheWay NONE = new StopsOnTheWay(Map.of(), 0, null, 0);
    /** Drives' worth of the fleet's share in a technician's own (a share of 5 % needs many drives to tell apart). */
    static final double PRIOR_DRIVES = 20;
    /** A longer standstill on the way is not a stop on the way (a lunch taken there, a day's end): left out. */
    public static final double LONGEST_MINUTES = 90;

    public StopsOnTheWay {
        share = share == null ? Map.of() : Map.copyOf(share);
    }

    /** One mined drive: whose, and the minutes it stood still on the way (0 for none). */
    public record Drive(String technicianId, double stoppedMinutes) {
    }

    /** Learned from mined drives; {@link #NONE} when none had a stop. */
    public static StopsOnTheWay learn(List<Drive> drives) {
        List<Double> logs = new ArrayList<>();
        Map<String, int[]> byTech = new HashMap<>();
        int counted = 0;
        for (Drive d : drives) {
            if (d.stoppedMinutes() > LONGEST_MINUTES) {
                continue;
            }
            counted++;
            int[] c = byTech.computeIfAbsent(d.technicianId(), k -> new int[2]);
            c[0]++;
            if (d.stoppedMinutes() > 0) {
                c[1]++;
                logs.add(Math.log(d.stoppedMinutes()));
            }
        }
        if (logs.isEmpty()) {
            return NONE;
        }
        double fleet = (double) logs.size() / counted;
        Map<String, Double> own = new HashMap<>();
        byTech.forEach((tech, c) -> own.put(tech, (c[1] + PRIOR_DRIVES * fleet) / (c[0] + PRIOR_DRIVES)));
        double mu = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = logs.stream().mapToDouble(l -> (l - mu) * (l - mu)).sum() / Math.max(1, logs.size() - 1);
        // One stop says nothing of the spread: a stop lasts from a couple of minutes to an hour.
        double sigma = logs.size() > 1 ? Math.clamp(Math.sqrt(var), 0.3, 1.5) : 0.8;
        return new StopsOnTheWay(own, fleet, Quantiles.logNormal(Math.exp(mu), sigma, logs.size()), counted);
    }

    public boolean learned() {
        return minutes != null && fleetShare > 0;
    }

    /** Share of this technician's drives with a stop (the fleet's for one never seen). */
    public double shareOf(String technician) {
        return share.getOrDefault(technician, fleetShare);
    }

    /**
     * Minutes a drive of {@code technician} stands still on the way: {@code happens} decides whether it stops (below
     * the share), {@code length} how long.
     */
    public double minutesOf(String technician, double happens, double length) {
        if (!learned() || happens >= shareOf(technician)) {
            return 0;
        }
        return Math.min(LONGEST_MINUTES, minutes.quantile(length));
    }
}
