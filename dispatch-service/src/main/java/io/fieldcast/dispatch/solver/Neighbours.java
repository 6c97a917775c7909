package io.fieldcast.dispatch.solver;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** For each visit, the others quickest to drive between (there and back), nearest first. */
final class Neighbours {

    private Neighbours() {
    }

    static Map<Visit, Visit[]> of(List<Visit> visits, int count) {
        Map<Visit, Visit[]> lists = new IdentityHashMap<>();
        int n = visits.size();
        int k = Math.max(0, Math.min(count, n - 1));
        for (int i = 0; i < n; i++) {
            Visit v = visits.get(i);
            TravelMatrix m = v.matrix();
            long[] keys = new long[n];
            for (int j = 0; j < n; j++) {
                int other = visits.get(j).location();
                keys[j] = (m.travel(v.location(), other) + m.travel(other, v.location())) * n + j; // index read back
            }
            keys[i] = Long.MAX_VALUE; // never one's own neighbour
            Arrays.sort(keys);
            Visit[] near = new Visit[k];
            for (int j = 0; j < k; j++) {
                near[j] = visits.get((int) (keys[j] % n));
            }
            lists.put(v, near);
        }
        return lists;
    }
}
