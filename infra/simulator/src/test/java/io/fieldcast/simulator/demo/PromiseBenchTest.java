package io.fieldcast.simulator.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promise benchmark reads demo runs' DEMO lines and pools their counts, not their shares. */
class PromiseBenchTest {

    /** A DEMO line as the demo prints it now, with the counts behind the shares. */
    private static final String WITH_COUNTS = "DEMO date=2026-12-11 visits=45 completed=42 arrived=44 on_time_pct=93.2 "
            + "in_told_window_pct=97.7 before_told_pct=0.0 told=44 window_min=60 travel_h=9.8 service_h=49.5 "
            + "wait_h=2.4 overtime_h=2.3 texts=220 route_versions_p50=2 route_versions_max=3 eta_coverage=0.864 "
            + "eta_hit_rate=0.868 eta_covered=38 eta_hit_low95=0.727 eta_hit_high95=0.942 in_told=43 before_told=0 "
            + "eta_visits=44 eta_hits=33";
    /** One of an older demo: shares only (36 of 44 covered, 33 of 36 hit, 39 of 43 in the told window, 2 before). */
    private static final String SHARES_ONLY = "DEMO date=2026-12-11 visits=45 completed=42 arrived=44 on_time_pct=90.9 "
            + "in_told_window_pct=90.7 before_told_pct=4.7 told=43 window_min=60 travel_h=9.4 service_h=46.8 wait_h=4.5 "
            + "overtime_h=3.0 texts=219 route_versions_p50=3 route_versions_max=5 eta_coverage=0.818 "
            + "eta_hit_rate=0.917 eta_covered=36 eta_hit_low95=0.782 eta_hit_high95=0.971";

    @Test
    void theLastDemoLineOfALogIsTheRun() {
        PromiseBench.Run run = PromiseBench.parse("s1", List.of("progress", "DEMO " + "date=2026-12-10 told=1 x=y",
                WITH_COUNTS, "fieldcast: stopping"));

        assertEquals(new PromiseBench.Run("s1", 44, 38, 33, 44, 43, 0, 2, 3, 9.8, 2.4, 2.3), run);
        assertEquals(List.of("hit_rate"), run.misses(PromiseBench.Targets.ISSUE),
                "33 of 38 is 0.868, below 0.90; coverage 38 of 44 = 0.864 and the rest meet theirs");
    }

    @Test
    void firstWindowsByJobsAheadPoolAndAreShownAboveTheBenchLine() {
        PromiseBench.Run a = PromiseBench.parse("a", List.of(WITH_COUNTS + " eta_ahead=0:11/11,1:20/24,3+:2/3"));
        PromiseBench.Run b = PromiseBench.parse("b", List.of(WITH_COUNTS + " eta_ahead=1:6/7,2:4/5"));
        PromiseBench.Run old = PromiseBench.parse("old", List.of(SHARES_ONLY));
        PromiseBench.Run pooled = PromiseBench.Run.pool(List.of(a, b, old));

        assertEquals(List.of("0", "1", "2", "3+"), List.copyOf(pooled.ahead().keySet()));
        assertEquals(List.of(26L, 31L), List.of(pooled.ahead().get("1")[0], pooled.ahead().get("1")[1]));
        assertEquals(List.of(2L, 3L), List.of(pooled.ahead().get("3+")[0], pooled.ahead().get("3+")[1]));
        assertTrue(old.ahead().isEmpty(), "an older line has none");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PromiseBench.report(List.of(a, b), PromiseBench.Targets.ISSUE, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("first windows by the jobs ahead when told (pooled): 0 ahead 11/11 (1.00), 1 ahead 26/31 (0.84), "
                + "2 ahead 4/5 (0.80), 3+ ahead 2/3 (0.67)", lines.get(lines.size() - 2));
        assertTrue(lines.getLast().startsWith("BENCH promise runs=2 "), lines.getLast());
        assertThrows(IllegalArgumentException.class, () -> PromiseBench.parse("bad",
                List.of(WITH_COUNTS + " eta_ahead=1:x/7")));
    }

    /** Why first windows were not told an hour ahead adds up over runs, most frequent first, above the BENCH line. */
    @Test
    void firstWindowsNotToldAnHourAheadPoolByWhy() {
        PromiseBench.Run a = PromiseBench.parse("a", List.of(WITH_COUNTS + " eta_not_covered=long_wait:3,unlikely:2,"
                + "never_forecast:1"));
        PromiseBench.Run b = PromiseBench.parse("b", List.of(WITH_COUNTS + " eta_not_covered=unlikely:4,taps_behind:1"));
        PromiseBench.Run old = PromiseBench.parse("old", List.of(SHARES_ONLY));
        PromiseBench.Run pooled = PromiseBench.Run.pool(List.of(a, b, old));

        assertEquals(java.util.Map.of("long_wait", 3L, "unlikely", 6L, "never_forecast", 1L, "taps_behind", 1L),
                pooled.notCovered());
        assertTrue(old.notCovered().isEmpty(), "an older line has none");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PromiseBench.report(List.of(a, b, old), PromiseBench.Targets.ISSUE, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("first windows not told an hour ahead, by the last reason held back (pooled): unlikely 6, "
                + "long_wait 3, never_forecast 1, taps_behind 1", lines.get(lines.size() - 2));
        assertThrows(IllegalArgumentException.class, () -> PromiseBench.parse("bad",
                List.of(WITH_COUNTS + " eta_not_covered=unlikely:x")));
    }

    @Test
    void aToldVisitNobodyReachedIsAMissAndPools() {
        PromiseBench.Run broken = PromiseBench.parse("broken", List.of(WITH_COUNTS + " told_unreached=1"));
        PromiseBench.Run kept = PromiseBench.parse("kept", List.of(WITH_COUNTS + " told_unreached=0"));

        assertEquals(1, broken.toldUnreached());
        assertEquals(List.of("hit_rate", "told_unreached"), broken.misses(PromiseBench.Targets.ISSUE));
        assertEquals(List.of("hit_rate"), kept.misses(PromiseBench.Targets.ISSUE));
        assertEquals(0, PromiseBench.parse("old", List.of(SHARES_ONLY)).toldUnreached(), "older lines: none known");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PromiseBench.report(List.of(broken, kept, broken), PromiseBench.Targets.ISSUE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String bench = bytes.toString(StandardCharsets.UTF_8).lines().toList().getLast();
        assertTrue(bench.contains(" told_unreached=2 pooled_meets=hit_rate,told_unreached"), bench);
    }

    @Test
    void anOlderLineIsReadFromItsShares() {
        PromiseBench.Run run = PromiseBench.parse("old", List.of(SHARES_ONLY));

        assertEquals(44, run.arrived());
        assertEquals(33, run.hits());
        assertEquals(39, run.inTold());
        assertEquals(2, run.beforeTold());
        assertEquals(List.of("coverage", "in_told", "before_told"), run.misses(PromiseBench.Targets.ISSUE));
    }

    @Test
    void runsPoolTheirCountsAndTheWorstRouteVersions() {
        PromiseBench.Run pooled = PromiseBench.Run.pool(List.of(PromiseBench.parse("a", List.of(WITH_COUNTS)),
                PromiseBench.parse("b", List.of(SHARES_ONLY))));

        assertEquals(88, pooled.arrived());
        assertEquals(74, pooled.covered());
        assertEquals(66, pooled.hits());
        // 66 of 74, not the mean of 0.868 and 0.917.
        assertEquals(66.0 / 74, pooled.hitRate(), 1e-9);
        assertEquals(100.0 * 82 / 87, pooled.inToldPct(), 1e-9);
        assertEquals(3, pooled.routeVersionsP50());
        assertEquals(5, pooled.routeVersionsMax());
        assertEquals(19.2, pooled.travelHours(), 1e-9);
    }

    @Test
    void theReportEndsInOneBenchLineWithThePooledInterval() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PromiseBench.report(List.of(PromiseBench.parse("a", List.of(WITH_COUNTS)),
                PromiseBench.parse("b", List.of(SHARES_ONLY))), PromiseBench.Targets.ISSUE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        String bench = lines.getLast();
        assertTrue(bench.startsWith("BENCH promise runs=2 runs_meeting_all=0 arrived=88 covered=74 coverage=0.841 "),
                bench);
        // Wilson's 95 % interval of 66 of 74.
        assertTrue(bench.contains(" hit_rate=0.892 hit_low95=0.801 hit_high95=0.944 "), bench);
        assertTrue(bench.endsWith(" pooled_meets=hit_rate,coverage,in_told,before_told speed_pairs=0 "
                + "speed_pairs_within=0 speed_gap_pooled=none"), bench);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("pooled ")), "a pooled row in the table");
    }

    @Test
    void aRunWithoutForecastFiguresIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromiseBench.parse("x",
                List.of("DEMO date=2026-12-11 visits=45 told=3 route_versions_p50=1 route_versions_max=1")));
        assertTrue(e.getMessage().contains("no forecast figures"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromiseBench.parse("y", List.of("no demo here")));
    }

    /** A log's progress lines as the demo prints them: its map and its setting and speed. */
    private static List<String> played(String roads, int technicians, double speed, int seed, String demo) {
        return List.of("== 1/6 road network " + roads, "== 5/6 booking, planning and playing 2026-12-11",
                "live: %d technicians of metro on 2026-12-11 at %.1fx, seed %d".formatted(technicians, speed, seed),
                demo);
    }

    @Test
    void aSettingPlayedAtTwoSpeedsIsComparedAndOtherSettingsAreNot() {
        // Seed 1 at 120x: 33 of 38; at 600x: 33 of 36 (twice, pooled 66 of 72). Seed 2 on a real map at 600x only,
        // and seed 1 with 24 technicians at 120x only: nothing to compare them with.
        String better = WITH_COUNTS.replace("eta_covered=38", "eta_covered=36");
        List<PromiseBench.Run> runs = List.of(
                PromiseBench.parse("s1", played("(synthetic city)", 12, 120, 1, WITH_COUNTS)),
                PromiseBench.parse("f1", played("(synthetic city)", 12, 600, 1, better)),
                PromiseBench.parse("f1b", played("(synthetic city)", 12, 600, 1, better)),
                PromiseBench.parse("o2", played("/data/osm/andorra.osm.pbf", 12, 600, 2, WITH_COUNTS)),
                PromiseBench.parse("t24", played("(synthetic city)", 24, 120, 1, WITH_COUNTS)));
        assertEquals("seed 1, 12 technicians of metro, synthetic city, 2026-12-11", runs.get(0).setting());
        assertEquals(600, runs.get(1).speed());
        assertEquals("seed 2, 12 technicians of metro, andorra, 2026-12-11", runs.get(3).setting());

        List<PromiseBench.SpeedPair> pairs = PromiseBench.speedPairs(runs);
        assertEquals(1, pairs.size(), "only seed 1 of 12 technicians on the synthetic city was played at two speeds");
        assertEquals("s1", pairs.getFirst().slow().name());
        assertEquals("f1+f1b", pairs.getFirst().fast().name());
        // 66 of 72 = 0.917 against 33 of 38 = 0.868: the faster is 4.8 points higher.
        assertEquals(100 * (66.0 / 72 - 33.0 / 38), pairs.getFirst().gapPoints(), 1e-9);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PromiseBench.report(runs, PromiseBench.Targets.ISSUE, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String bench = bytes.toString(StandardCharsets.UTF_8).lines().toList().getLast();
        assertTrue(bench.endsWith(" speed_pairs=1 speed_pairs_within=1 speed_gap_pooled=4.8"), bench);

        // The other way round: the faster more than 3 points under the slower.
        List<PromiseBench.Run> slower = List.of(
                PromiseBench.parse("s1", played("(synthetic city)", 12, 120, 1, better)),
                PromiseBench.parse("f1", played("(synthetic city)", 12, 600, 1, WITH_COUNTS)));
        bytes.reset();
        PromiseBench.report(slower, PromiseBench.Targets.ISSUE, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("-4.8 points, more than 3 under"), out);
        assertTrue(out.lines().toList().getLast().endsWith(" speed_pairs=1 speed_pairs_within=0 speed_gap_pooled=-4.8"),
                out);
    }
}
