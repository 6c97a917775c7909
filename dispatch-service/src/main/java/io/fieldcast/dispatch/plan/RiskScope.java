package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Visit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a re-plan asked for by told windows at risk may change: the routes the risk needs, not the rest of the day.
 *
 * <p>A re-solve of the whole territory-day finds something to improve on most routes of a running afternoon: a visit
 * a few minutes past its booked window handed to a neighbour, two stops swapped. On the 24-technician demo day one
 * re-plan for two visits of one technician changed eight routes and left that technician's as it was. Each changed
 * route is a new route version on a phone and new forecasts for its customers, which is the churn that breaks told
 * windows. So the solved plan is cut into groups of routes that exchanged visits (a route that only changed its order
 * is a group of its own); the groups holding a visit at risk keep what the solver did, and every other group goes
 * back to the routes of record unless that costs at least {@code minHardGain} minutes of lateness past booked windows
 * or shift ends (hard) or leaves a visit unassigned (medium). Work that changed (a cancellation, an absence, an
 * emergency, a failed job) re-plans the whole day as before; so does a dispatcher's re-plan.
 */
final class RiskScope {

    /** The reason a told window at risk gives for its re-plan; {@link #atRisk} reads the visit back from it. */
    private static final String REASON = "told window of visit %s at risk (%.0f %% likely kept)";
    private static final Pattern AT_RISK = Pattern.compile("^told window of visit ([0-9a-f-]{36}) at risk");
    /** The reason of a visit forecast far past its booked window ({@link #lost}); its route is rescued. */
    private static final String LOST_REASON = "visit %s forecast %d min past its booked window";
    private static final Pattern LOST =
            Pattern.compile("^visit ([0-9a-f-]{36}) forecast \\d+ min past its booked window");
    /** The key of "unassigned" among the routes. */
    private static final String NOWHERE = "";

    private RiskScope() {
    }

    static String reason(UUID appointmentId, double probabilityKept) {
        return String.format(Locale.ROOT, REASON, appointmentId, 100 * probabilityKept);
    }

    static String lostReason(UUID appointmentId, long minutesPastBookedEnd) {
        return String.format(Locale.ROOT, LOST_REASON, appointmentId, minutesPastBookedEnd);
    }

    /**
     * The visits whose promises asked for a re-plan among {@code reasons} (a told window at risk, a visit forecast far
     * past its booked window); empty when something else did too.
     */
    static Set<String> atRisk(Collection<String> reasons) {
        Set<String> visits = new LinkedHashSet<>();
        for (String reason : reasons) {
            Matcher m = AT_RISK.matcher(reason);
            Matcher lost = LOST.matcher(reason);
            if (m.find()) {
                visits.add(m.group(1));
            } else if (lost.find()) {
                visits.add(lost.group(1));
            } else {
                return Set.of(); // not only risks: the whole day may change
            }
        }
        return visits;
    }

    /**
     * The visits among {@code reasons} forecast far past their booked windows: on their route as it stands they are
     * reached hours late or not at all (a job running hours long ahead of them), so their routes are rescued whether
     * or not {@code rescue-at-risk} is on.
     */
    static Set<String> lost(Collection<String> reasons) {
        Set<String> visits = new LinkedHashSet<>();
        for (String reason : reasons) {
            Matcher m = LOST.matcher(reason);
            if (m.find()) {
                visits.add(m.group(1));
            }
        }
        return visits;
    }

    /** Each route's visits in order, by shift id: the routes of record before a solve. */
    static Map<String, List<String>> routes(DispatchPlan plan) {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (TechnicianShift shift : plan.getShifts()) {
            routes.put(shift.getId(), shift.getVisits().stream().map(Visit::getId).toList());
        }
        return routes;
    }

    /** What {@link #confine} did: groups of changed routes kept and put back. */
    record Confined(int kept, int restored) {
    }

    /** {@link #confine(Map, DispatchPlan, Set, Function, int, Map)} with every visit at risk's routes kept. */
    static Confined confine(Map<String, List<String>> before, DispatchPlan solved, Set<String> atRisk,
                            Function<DispatchPlan, HardMediumSoftScore> score, int minHardGain) {
        return confine(before, solved, atRisk, score, minHardGain, Map.of());
    }

    /**
     * What a visit's promise costs in a scored plan, as the constraints weigh it: each minute past the told end
     * twice a minute of slack short of the previous job's usual overrun ({@code Broken told window} 180 a minute,
     * {@code Told window at risk} 90), and a minute past the booked window (hard) before either, four times; left
     * out of every route, the most.
     */
    static long promiseCost(Visit v) {
        return v.getShift() == null ? Long.MAX_VALUE
                : 4 * v.lateMinutes() + 2 * v.toldLateMinutes() + v.toldRiskMinutes();
    }

    /** {@link #promiseCost} of each visit of {@code ids} in {@code plan} as last scored. */
    static Map<String, Long> promiseCosts(DispatchPlan plan, Set<String> ids) {
        Map<String, Long> costs = new HashMap<>();
        plan.getVisits().stream().filter(v -> ids.contains(v.getId()))
                .forEach(v -> costs.put(v.getId(), promiseCost(v)));
        return costs;
    }

    /**
     * Puts the groups of changed routes of {@code solved} that hold no visit of {@code atRisk} back to {@code before}
     * unless that costs {@code minHardGain} hard or any medium; {@code score} scores a plan after a change to its
     * routes (updating its shadow variables), and {@code solved} ends up scored. A visit at risk with a cost in
     * {@code promiseBefore} (its route was rescued: everything on it not started could move) keeps its routes only
     * when the solved plan keeps its promise better ({@link #promiseCost}); otherwise they are like the rest: a
     * rearranged route that does not save the window that asked for it is churn under a technician, and on a demo day
     * it cost first windows their notice.
     */
    static Confined confine(Map<String, List<String>> before, DispatchPlan solved, Set<String> atRisk,
                            Function<DispatchPlan, HardMediumSoftScore> score, int minHardGain,
                            Map<String, Long> promiseBefore) {
        Map<String, List<String>> after = routes(solved);
        Map<String, Visit> visits = new HashMap<>();
        solved.getVisits().forEach(v -> visits.put(v.getId(), v));
        Map<String, String> ownerBefore = owners(before);
        Map<String, String> ownerAfter = owners(after);
        Groups groups = new Groups();
        for (String id : visits.keySet()) {
            String from = ownerBefore.getOrDefault(id, NOWHERE);
            String to = ownerAfter.getOrDefault(id, NOWHERE);
            if (!from.equals(to)) {
                groups.join(from, to);
            }
        }
        HardMediumSoftScore kept = score.apply(solved);
        Set<String> needed = new LinkedHashSet<>();
        for (String id : atRisk) {
            Long was = promiseBefore.get(id);
            if (was != null && visits.containsKey(id) && promiseCost(visits.get(id)) >= was) {
                continue; // rescued for nothing
            }
            needed.add(groups.root(ownerBefore.getOrDefault(id, NOWHERE)));
            needed.add(groups.root(ownerAfter.getOrDefault(id, NOWHERE)));
        }
        Map<String, List<String>> changedGroups = new LinkedHashMap<>();
        after.forEach((shift, list) -> {
            if (!list.equals(before.getOrDefault(shift, List.of()))) {
                changedGroups.computeIfAbsent(groups.root(shift), r -> new ArrayList<>()).add(shift);
            }
        });
        Map<String, TechnicianShift> shifts = new HashMap<>();
        solved.getShifts().forEach(s -> shifts.put(s.getId(), s));
        int restored = 0;
        for (var entry : changedGroups.entrySet()) {
            if (needed.contains(entry.getKey())) {
                continue;
            }
            List<String> group = entry.getValue();
            set(group, before, shifts, visits);
            HardMediumSoftScore without = score.apply(solved);
            boolean pays = without.mediumScore() < kept.mediumScore()
                    || kept.hardScore() - without.hardScore() >= minHardGain;
            if (pays) {
                set(group, after, shifts, visits);
                score.apply(solved);
            } else {
                kept = without;
                restored++;
            }
        }
        return new Confined(changedGroups.size() - restored, restored);
    }

    private static void set(List<String> group, Map<String, List<String>> routes, Map<String, TechnicianShift> shifts,
                            Map<String, Visit> visits) {
        for (String shift : group) {
            shifts.get(shift).setVisits(new ArrayList<>(routes.getOrDefault(shift, List.of()).stream()
                    .map(visits::get).toList()));
        }
    }

    private static Map<String, String> owners(Map<String, List<String>> routes) {
        Map<String, String> owners = new HashMap<>();
        routes.forEach((shift, list) -> list.forEach(v -> owners.put(v, shift)));
        return owners;
    }

    /** Routes joined by the visits they exchanged (union-find over shift ids, "" for unassigned). */
    private static final class Groups {
        private final Map<String, String> parent = new HashMap<>();

        String root(String node) {
            String p = parent.getOrDefault(node, node);
            if (p.equals(node)) {
                return node;
            }
            String r = root(p);
            parent.put(node, r);
            return r;
        }

        void join(String a, String b) {
            String ra = root(a);
            String rb = root(b);
            if (!ra.equals(rb)) {
                parent.put(ra, rb);
            }
        }
    }
}
