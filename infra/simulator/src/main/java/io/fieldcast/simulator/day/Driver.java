package io.fieldcast.simulator.day;

import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.Seeds;

import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * Moves the van along a leg's road geometry on the simulated clock: the road network's free-flow speed divided by the
 * technician's factor for the current hour, some stop-and-go, an optional unplanned stop, an optional stretch
 * without GPS. Emits a fix every 10–30 s (the person's phone setting, jittered).
 */
final class Driver {

    /** Result of one drive: when the van got there and how long the unplanned stop took (0 if none). */
    record Drive(Instant arrival, double detourMinutes) {
    }

    private final Habits habits;
    private final ZoneId zone;
    private final SplittableRandom rng;

    Driver(Habits habits, ZoneId zone, SplittableRandom rng) {
        this.habits = habits;
        this.zone = zone;
        this.rng = rng;
    }

    Drive drive(Leg leg, Instant start, Phone phone) {
        boolean detour = Seeds.chance(rng, habits.detourChance());
        double detourMin = detour ? Math.clamp(exponential(habits.detourMeanMin()), 2, 60) : 0;
        boolean gap = Seeds.chance(rng, habits.gpsGapChance());
        double legNoise = Math.exp(Habits.LEG_SPREAD * Seeds.gaussian(rng));
        PathWalker path = new PathWalker(leg.geometry());
        double length = path.length();
        if (length < 5 || leg.seconds() < 1) {
            return new Drive(start.plusSeconds(30), 0);
        }
        double freeFlowSpeed = length / leg.seconds();
        double detourAt = detour ? Seeds.uniform(rng, 0.2, 0.8) * length : Double.NaN;
        double gapFrom = gap ? Seeds.uniform(rng, 0, 0.8) * length : Double.NaN;
        double gapTo = gapFrom + Seeds.uniform(rng, 200, 1500);

        double d = 0;
        double t = 0; // seconds since start, fractional
        phone.fix(path.at(0), start, 0.0, path.headingAt(0), 1);
        while (d < length) {
            Instant now = start.plusMillis(Math.round(t * 1000));
            double factor = habits.speedFactor(now.atZone(zone).getHour()) * legNoise;
            double speed = freeFlowSpeed / factor * Seeds.uniform(rng, 0.7, 1.25); // stop-and-go
            double step = habits.pingIntervalSec() * Seeds.uniform(rng, 0.8, 1.2);
            double next = d + speed * step;
            if (!Double.isNaN(detourAt) && next >= detourAt) {
                t += (detourAt - d) / speed;
                d = detourAt;
                Instant stopStart = start.plusMillis(Math.round(t * 1000));
                phone.standing(path.at(d), stopStart, stopStart.plusSeconds(Math.round(detourMin * 60)), 0.9, 1);
                t += detourMin * 60;
                detourAt = Double.NaN;
                continue;
            }
            if (next >= length) {
                t += (length - d) / speed;
                d = length;
                break;
            }
            d = next;
            t += step;
            if (!(d >= gapFrom && d <= gapTo)) {
                phone.fix(path.at(d), start.plusMillis(Math.round(t * 1000)), speed, path.headingAt(d), 1);
            }
        }
        return new Drive(start.plusMillis(Math.round(t * 1000)), detourMin);
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }
}
