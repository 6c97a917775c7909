package io.fieldcast.eta.trips;

import io.fieldcast.eta.history.Tap;
import io.fieldcast.eta.road.Geo;
import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.VisitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one technician's day (planned places in driving order, GPS trace, status taps) into per-visit facts. The
 * trace is trusted over the taps for arrival (technicians tap late, or early from the van), the taps over the trace
 * where the trace has a gap. Departure is when the trace last left the previous place.
 */
public final class TripMiner {

    /**
     * @param arrivalRadiusMeters a fix this close to a place counts as being there
     * @param tapTolerance        tap and trace closer than this agree
     * @param stopRadiusMeters    standing still means staying this close
     * @param minStop             shortest pause counted as a stop on the way
     * @param detourRatio         driven / road-network metres above this is a detour
     */
    public record Settings(double arrivalRadiusMeters, Duration tapTolerance, double stopRadiusMeters,
                           Duration minStop, double detourRatio) {

        public static Settings defaults() {
            return new Settings(80, Duration.ofMinutes(2), 40, Duration.ofMinutes(2), 1.5);
        }
    }

    private final Settings settings;
    private final RoadLeg.Timer roads;

    public TripMiner(Settings settings, RoadLeg.Timer roads) {
        this.settings = settings;
        this.roads = roads;
    }

    public List<MinedVisit> mine(Place start, List<Place> visits, List<TracePoint> rawTrace, List<Tap> taps) {
        List<TracePoint> trace = clean(rawTrace);
        List<MinedVisit> mined = new ArrayList<>(visits.size());
        Place previous = start;
        Instant cursor = trace.isEmpty() ? Instant.MIN : trace.getFirst().time();
        for (Place visit : visits) {
            MinedVisit m = mineOne(previous, visit, trace, taps, cursor);
            mined.add(m);
            // The next departure is searched from this arrival on, so the fixes of the stay itself are seen.
            cursor = Objects.requireNonNullElse(m.arrival(), Objects.requireNonNullElse(m.completed(), cursor));
            previous = visit;
        }
        return mined;
    }

    private MinedVisit mineOne(Place from, Place to, List<TracePoint> trace, List<Tap> taps, Instant cursor) {
        double r = settings.arrivalRadiusMeters();
        int s = firstIndexAtOrAfter(trace, cursor);
        int k = arrivalIndex(trace, s, to);
        Instant tapArrived = tap(taps, to.appointmentId(), VisitStatus.ARRIVED);
        Instant tapDone = tap(taps, to.appointmentId(), VisitStatus.COMPLETED, VisitStatus.CANNOT_COMPLETE);

        Instant traceArrival = null;
        if (k >= 0) {
            traceArrival = k > s ? crossing(trace.get(k), trace.get(k - 1), k - 2 >= s ? trace.get(k - 2) : null, to, r)
                    : trace.get(k).time();
        }
        ArrivalSource source = source(traceArrival, tapArrived);
        Instant arrival = traceArrival != null ? traceArrival : tapArrived;

        int d = -1;
        int searchEnd = k >= 0 ? k : trace.size();
        for (int i = s; i < searchEnd; i++) {
            if (trace.get(i).metersTo(from.lat(), from.lon()) <= r) {
                d = i;
            }
        }
        Instant departure = null;
        if (d >= 0 && d + 1 < trace.size()) {
            departure = crossing(trace.get(d), trace.get(d + 1), d + 2 < trace.size() ? trace.get(d + 2) : null, from, r);
        } else {
            departure = tap(taps, to.appointmentId(), VisitStatus.EN_ROUTE);
        }

        Instant traceLeft = k >= 0 ? leaving(trace, k, to) : null;
        Instant completed = tapDone;
        if (completed == null || (traceLeft != null && completed.isAfter(traceLeft.plus(settings.tapTolerance())))) {
            completed = traceLeft != null ? traceLeft : tapDone;
        }

        RoadLeg road = roads.leg(from.lat(), from.lon(), to.lat(), to.lon());
        List<TracePoint> drive = d >= 0 && k > d ? trace.subList(d, k + 1) : List.of();
        double driven = drivenMeters(drive);
        List<Stop> stops = new StopDetector(settings.stopRadiusMeters(), settings.minStop()).detect(drive).stream()
                .filter(stop -> Geo.meters(stop.lat(), stop.lon(), from.lat(), from.lon()) > r
                        && Geo.meters(stop.lat(), stop.lon(), to.lat(), to.lon()) > r)
                .toList();
        boolean detour = road.meters() > 500 && driven > settings.detourRatio() * road.meters();

        Double travel = departure != null && arrival != null && arrival.isAfter(departure)
                ? seconds(departure, arrival) : null;
        Double service = arrival != null && completed != null && completed.isAfter(arrival)
                ? seconds(arrival, completed) : null;
        return new MinedVisit(to.appointmentId(), to.jobType(), departure, arrival, source, completed, travel, road,
                service, stops, driven, detour);
    }

    private ArrivalSource source(Instant trace, Instant tap) {
        if (trace == null) {
            return tap == null ? ArrivalSource.UNKNOWN : ArrivalSource.TAP_ONLY;
        }
        if (tap == null) {
            return ArrivalSource.TRACE;
        }
        Duration diff = Duration.between(trace, tap);
        if (diff.abs().compareTo(settings.tapTolerance()) <= 0) {
            return ArrivalSource.TAP_CONFIRMED;
        }
        return diff.isNegative() ? ArrivalSource.TRACE_TAP_EARLY : ArrivalSource.TRACE_TAP_LATE;
    }

    /** First fix inside the radius that a second fix confirms (one noisy fix is not an arrival). */
    private int arrivalIndex(List<TracePoint> trace, int from, Place place) {
        double r = settings.arrivalRadiusMeters();
        for (int i = from; i < trace.size(); i++) {
            if (trace.get(i).metersTo(place.lat(), place.lon()) <= r) {
                boolean last = i + 1 == trace.size();
                if (last || trace.get(i + 1).metersTo(place.lat(), place.lon()) <= 1.5 * r) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** When the trace left the place after arriving at index k: two fixes in a row gone from it ({@link #gone}). */
    private Instant leaving(List<TracePoint> trace, int k, Place place) {
        double r = settings.arrivalRadiusMeters();
        for (int i = k + 1; i < trace.size(); i++) {
            boolean out = gone(trace.get(i), place, r);
            boolean nextOut = i + 1 == trace.size() || gone(trace.get(i + 1), place, r);
            if (out && nextOut) {
                return crossing(trace.get(i - 1), trace.get(i), i + 1 < trace.size() ? trace.get(i + 1) : null, place, r);
            }
        }
        return null;
    }

    /**
     * Whether a fix says the technician has left {@code place}: beyond the radius by more than the fix's own reported
     * accuracy. Indoors a phone scatters its fixes by tens of metres (the simulator's noisiest 35 m per axis, and real
     * basements worse), two in a row beyond 80 m come every hour or two, and a three-hour job was mined as six minutes;
     * a van driving away is beyond that margin a few seconds later.
     */
    private static boolean gone(TracePoint fix, Place place, double radius) {
        return fix.metersTo(place.lat(), place.lon()) > radius + Math.max(0, fix.accuracyMeters());
    }

    /**
     * When the technician was at the place itself, from a fix inside the radius and its neighbour outside. With a
     * further fix beyond the outside one, the van's driving speed there is known, and the outside fix's distance at
     * that speed says when it left (or reached) the place: right across a GPS gap or a sparse fix interval. Without
     * one, the line between the two fixes is assumed driven at constant speed. Always between the two fixes' times.
     */
    static Instant crossing(TracePoint inside, TracePoint outside, TracePoint beyond, Place place, double radius) {
        long millis = Duration.between(inside.time(), outside.time()).toMillis();
        double dOut = outside.metersTo(place.lat(), place.lon());
        if (beyond != null) {
            double seconds = Math.abs(Duration.between(outside.time(), beyond.time()).toMillis()) / 1000.0;
            double speed = seconds > 0 ? outside.metersTo(beyond) / seconds : 0;
            if (speed > 1) {
                // millis > 0 for a departure (inside before outside), < 0 for an arrival.
                double atPlace = millis - Math.signum(millis) * 1000 * dOut / speed;
                atPlace = millis < 0 ? Math.clamp(atPlace, millis, 0) : Math.clamp(atPlace, 0, millis);
                return inside.time().plusMillis(Math.round(atPlace));
            }
        }
        double dIn = inside.metersTo(place.lat(), place.lon());
        double f = dOut > dIn ? Math.clamp((radius - dIn) / (dOut - dIn), 0, 1) : 0;
        double speed = Math.abs(millis) > 0 ? inside.metersTo(outside) / (Math.abs(millis) / 1000.0) : 0;
        double atPlaceMillis = speed > 0.5 ? 1000 * Math.min(radius, dOut) / speed : 0;
        double offset = f * millis - Math.signum(millis) * atPlaceMillis;
        offset = millis < 0 ? Math.clamp(offset, millis, 0) : Math.clamp(offset, 0, millis);
        return inside.time().plusMillis(Math.round(offset));
    }

    private static double drivenMeters(List<TracePoint> drive) {
        double m = 0;
        for (int i = 1; i < drive.size(); i++) {
            m += drive.get(i).metersTo(drive.get(i - 1));
        }
        return m;
    }

    private static Instant tap(List<Tap> taps, UUID appointment, VisitStatus... statuses) {
        Optional<Tap> first = taps.stream()
                .filter(t -> t.appointmentId().equals(appointment) && List.of(statuses).contains(t.status()))
                .min(Comparator.comparing(Tap::deviceTime));
        return first.map(Tap::deviceTime).orElse(null);
    }

    private static int firstIndexAtOrAfter(List<TracePoint> trace, Instant t) {
        for (int i = 0; i < trace.size(); i++) {
            if (!trace.get(i).time().isBefore(t)) {
                return i;
            }
        }
        return trace.size();
    }

    /** Device-time order, one fix per instant, fixes worse than 100 m dropped. */
    static List<TracePoint> clean(List<TracePoint> raw) {
        List<TracePoint> sorted = raw.stream().filter(p -> p.accuracyMeters() <= 100)
                .sorted(Comparator.comparing(TracePoint::time)).toList();
        List<TracePoint> out = new ArrayList<>(sorted.size());
        for (TracePoint p : sorted) {
            if (out.isEmpty() || !out.getLast().time().equals(p.time())) {
                out.add(p);
            }
        }
        return out;
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }
}
