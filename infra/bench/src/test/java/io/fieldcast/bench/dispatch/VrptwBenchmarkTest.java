package io.fieldcast.bench.dispatch;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.SolverTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.fieldcast.bench.dispatch.VrptwInstance.Precision.EXACT;
import static io.fieldcast.bench.dispatch.VrptwInstance.Precision.TRUNCATED_ONE_DECIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VrptwBenchmarkTest {

    /** Depot at the origin; customers on a 3-4-5 triangle so distances are exact. */
    private static final String TINY = """
            TINY

            VEHICLE
            NUMBER     CAPACITY
              2          10

            CUSTOMER
            CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

                0      0          0          0          0        100          0
                1      3          0          4          0         50          5
                2      3          4          4          0         50          5
                3      0          4          4         60         70          5
            """;

    private static final long MOVES = Long.getLong("fieldcast.test.c101.moves", 100_000L);

    @TempDir
    Path dir;

    private VrptwInstance tiny() throws IOException {
        Path file = dir.resolve("TINY.txt");
        Files.writeString(file, TINY);
        return VrptwInstance.read(file);
    }

    @Test
    void readsFleetCapacityAndNodes() throws IOException {
        VrptwInstance instance = tiny();
        assertEquals(2, instance.vehicles());
        assertEquals(10, instance.capacity());
        assertEquals(3, instance.customerCount());
        assertEquals(5.0, instance.distance(0, 2, EXACT), 1e-9);
    }

    @Test
    void checkerRecomputesDistanceAndAcceptsAFeasibleSolution() throws IOException {
        // 0→1 (3) →2 (4) →0 (5) = 12; 0→3 (4, waits until 60) →0 (4) = 8.
        var result = VrptwChecker.check(tiny(), List.of(List.of(1, 2), List.of(3)), EXACT);
        assertTrue(result.feasible(), result.violations().toString());
        assertEquals(20.0, result.distance(), 1e-9);
        assertEquals(2, result.routes());
    }

    @Test
    void checkerFindsLateCapacityAndMissingCustomers() throws IOException {
        // One route 3,1,2: customer 3 at 60–65, then 1 at 70 (> due 50); load 12 > 10.
        var late = VrptwChecker.check(tiny(), List.of(List.of(3, 1, 2)), EXACT);
        assertFalse(late.feasible());
        assertTrue(late.violations().stream().anyMatch(v -> v.contains("customer 1 starts")), late.violations()::toString);
        assertTrue(late.violations().stream().anyMatch(v -> v.contains("over capacity")), late.violations()::toString);

        var missing = VrptwChecker.check(tiny(), List.of(List.of(1, 1), List.of(3)), EXACT);
        assertTrue(missing.violations().contains("customer 1 served 2 times"), missing.violations()::toString);
        assertTrue(missing.violations().contains("customer 2 served 0 times"), missing.violations()::toString);
    }

    @Test
    void malformedInstanceIsRejectedWithTheLine() throws IOException {
        Path file = dir.resolve("BAD.txt");
        Files.writeString(file, TINY.replace("  3      0          4", "  3      x          4"));
        var e = assertThrows(IOException.class, () -> VrptwInstance.read(file));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void solverFindsTheFeasibleOptimumOfATinyInstance() throws IOException {
        VrptwInstance instance = tiny();
        DispatchPlan solved = SolverFactory.<DispatchPlan>create(SolverTuning.config(Duration.ofSeconds(2), 0L))
                .buildSolver().solve(VrptwModel.toPlan(instance, EXACT));
        var check = VrptwChecker.check(instance, VrptwModel.routes(solved), EXACT);
        assertTrue(check.feasible(), check.violations().toString());
        // Capacity 10 forces two routes. Best: 0→2→3→0 (5 + 3 + 4, waiting at 3 for its window) and 0→1→0 (6) = 18,
        // beating the obvious 1,2 | 3 pairing (20).
        assertEquals(18.0, check.distance(), 1e-9);
    }

    @Test
    void solomonC101IsSolvedFeasiblyWithinFivePercentOfTheOptimum() throws IOException {
        Path c101 = dataDir().resolve("solomon/C101.txt");
        assumeTrue(Files.exists(c101), "Solomon data not found at " + c101 + " (set FIELDCAST_DATA_DIR)");
        VrptwInstance instance = VrptwInstance.read(c101);
        // A move budget, not a time limit: the same result on a loaded CI machine as on a quiet one.
        var config = SolverTuning.config(Duration.ofMinutes(5), 0L)
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(MOVES));
        DispatchPlan solved = SolverFactory.<DispatchPlan>create(config)
                .buildSolver().solve(VrptwModel.toPlan(instance, TRUNCATED_ONE_DECIMAL));
        var check = VrptwChecker.check(instance, VrptwModel.routes(solved), TRUNCATED_ONE_DECIMAL);
        assertTrue(check.feasible(), check.violations().toString());
        // Proven optimum 827.3 (edges truncated to one decimal); the move budget must land in a sane range.
        assertTrue(check.distance() >= 827.3 - 1e-6 && check.distance() < 827.3 * 1.05, "distance " + check.distance());
        System.out.println("C101 after " + MOVES + " moves: " + check.distance());
    }

    /** {@code FIELDCAST_DATA_DIR}, else {@code -Dfieldcast.data.dir} (the build sets it), else beside the checkout. */
    private static Path dataDir() {
        String env = System.getenv("FIELDCAST_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        // tests run in infra/bench; the checkout is two up and the data beside it
        return Path.of(System.getProperty("fieldcast.data.dir", "../../../shared/data"));
    }
}
