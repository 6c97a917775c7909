package io.fieldcast.dispatch.booking;

import io.fieldcast.roadnetwork.GeoPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The technicians worth trying for a new visit: those whose day passes closest to it (straight-line distance
 * to their home or any stop). The cheapest insertion is almost always among them, and it keeps the road
 * queries of a slot search proportional to k instead of to the whole territory. Pruning can only hide
 * capacity, never invent it, so it cannot cause an overbooking.
 */
public final class Candidates {

    private Candidates() {
    }

    public static List<TechDay> nearest(List<TechDay> days, GeoPoint point, int k) {
        if (days.size() <= k) {
            return days;
        }
        List<TechDay> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparingDouble(day -> closest(day, point)));
        return List.copyOf(sorted.subList(0, k));
    }

    /** Places of these days (homes and stops), for prefetching travel times. */
    public static List<GeoPoint> places(List<TechDay> days) {
        List<GeoPoint> places = new ArrayList<>();
        for (TechDay day : days) {
            places.add(day.home());
            day.stops().forEach(s -> places.add(s.point()));
        }
        return places;
    }

    private static double closest(TechDay day, GeoPoint p) {
        double best = squaredDistance(day.home(), p);
        for (Stop stop : day.stops()) {
            best = Math.min(best, squaredDistance(stop.point(), p));
        }
        return best;
    }

    /** Equirectangular approximation: plenty for ranking within one city. */
    private static double squaredDistance(GeoPoint a, GeoPoint b) {
        double x = (b.lon() - a.lon()) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        double y = b.lat() - a.lat();
        return x * x + y * y;
    }
}
